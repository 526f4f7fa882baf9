#!/usr/bin/env python3
"""The cpython subject's driver: runs the CPython twin of one lab scenario (or one benchmark)
with the real ``multiprocessing`` and prints exactly ONE JSON object on one line of stdout.

    lab_driver.py info
    lab_driver.py list
    lab_driver.py scenario ID --method fork|spawn|forkserver [--params JSON] [--timeout S]
    lab_driver.py bench ID --method M [--n N] [--warmup W] [--params JSON] [--timeout S]

A scenario's answer carries ``"observed"``, a JSON object of canonical strings (``{}`` for a
hang), and ``"hang"``. Exit codes: 0 the driver worked (whatever it observed), 1 a twin raised
unexpectedly, 2 usage error. stdout carries only the JSON line; stderr is free diagnostics
(everything the run's processes wrote to fds 1 and 2 is captured and echoed there at the end).
Standard library only; Python 3.9 .. 3.14 and PyPy 3. See README.md.
"""

import argparse
import json
import os
import sys

# The lab may be mounted read-only; children re-import these files, so no bytecode caches.
sys.dont_write_bytecode = True

# spawn children and the forkserver re-import this file as __mp_main__ with the parent's
# sys.path (multiprocessing's preparation data), so the twins package is importable there too.
_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

# Top level on purpose: where the forkserver really preloads __main__ (gh-126631 fixed, 3.13.8+ and
# 3.14), the server imports the twins once and its children inherit them (README, finding 1).
import twins  # noqa: E402
from twins import _common  # noqa: E402
from twins._run import become_subreaper, install_driver_signal_handlers, run_isolated  # noqa: E402

_USAGE = (
    "lab_driver.py info | list | "
    "scenario ID --method fork|spawn|forkserver [--params JSON] [--timeout SECONDS (20)] | "
    "bench ID --method M [--n N (20)] [--warmup W (3)] [--params JSON] [--timeout SECONDS (120)]"
)


class UsageError(Exception):
    pass


def _emit(obj, code):
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")
    sys.stdout.flush()
    return code


def _python_version():
    import platform
    return platform.python_version()


# --- command line ----------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    """argparse held to the driver's contract: every outcome is one JSON line on stdout. An
    error raises UsageError (exit 2) instead of printing usage and exiting; help is a JSON
    answer (``-h`` is an ordinary flag here, no help action); anything argparse would still
    print goes to stderr. Sub-parsers are made of this class too (``add_subparsers``)."""

    def __init__(self, *args, **kw):
        kw.setdefault("add_help", False)
        kw.setdefault("allow_abbrev", False)  # `--meth` is an unknown option, as it always was
        super().__init__(*args, **kw)

    def error(self, message):
        raise UsageError(f"{message}; usage: {_USAGE}")

    def exit(self, status=0, message=None):
        raise UsageError(message.strip() if message else f"argparse exit {status}; usage: {_USAGE}")

    def _print_message(self, message, file=None):
        if message:
            sys.stderr.write(message)


def _build_parser():
    parser = _Parser(prog="lab_driver.py", description="Runs the CPython twin of one lab scenario or one benchmark.")
    commands = parser.add_subparsers(dest="command", metavar="command")
    commands.required = True
    for name in ("help", "info", "list"):
        commands.add_parser(name, prog=f"lab_driver.py {name}")
    scenario = commands.add_parser("scenario", prog="lab_driver.py scenario")
    bench = commands.add_parser("bench", prog="lab_driver.py bench")
    for sub, what, timeout in ((scenario, "scenario", 20), (bench, "benchmark", 120)):
        sub.add_argument("-h", "--help", action="store_true", help="answer this help as JSON")
        sub.add_argument("id", metavar="ID", help=f"the {what} id (see `lab_driver.py list`)")
        sub.add_argument("--method", help="fork, spawn or forkserver (one of get_all_start_methods())")
        sub.add_argument("--params", metavar="JSON", help=f"a JSON object of the {what}'s parameters")
        sub.add_argument("--timeout", metavar="SECONDS", help=f"bound of every wait ({timeout})")
    bench.add_argument("--n", metavar="N", help="timed repetitions (20)")
    bench.add_argument("--warmup", metavar="W", help="discarded repetitions (3)")
    return parser, {"scenario": scenario, "bench": bench}


def _parse(argv):
    """(command, opts): opts maps each option given (and ``id``) to its text; the values are
    checked by the commands."""
    if argv and argv[0] in ("-h", "--help"):
        return "help", {}
    parser, subparsers = _build_parser()
    if argv and argv[0] in subparsers and ("-h" in argv[1:] or "--help" in argv[1:]):
        # The command's help, answered before argparse misses the ID.
        return "help", {"usage": subparsers[argv[0]].format_help()}
    args = parser.parse_args(argv)
    opts = {key: value for key, value in vars(args).items() if value is not None and key not in ("command", "help")}
    return args.command, opts


def _number(opts, key, default, lo, hi, integer):
    raw = opts.get(key)
    if raw is None:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise UsageError(f'--{key} must be {"an integer" if integer else "a number"}, got {raw!r}')
    if not lo <= value <= hi:
        raise UsageError(f"--{key} must be in [{lo}, {hi}], got {raw!r}")
    return value


def _method(opts, required):
    import multiprocessing
    method = opts.get("method")
    available = ", ".join(multiprocessing.get_all_start_methods())
    if method is None:
        if required:
            raise UsageError(f"--method is required (one of {available})")
        return None
    if method not in multiprocessing.get_all_start_methods():
        raise UsageError(f"start method {method!r} is not available here (available: {available})")
    return method


# --- commands -------------------------------------------------------------------------------

def _cmd_info():
    import multiprocessing
    import platform
    return _emit({
        "ok": True,
        "python_version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": sys.platform,
        "start_methods": multiprocessing.get_all_start_methods(),
        "default_start_method": multiprocessing.get_start_method(),
    }, 0)


def _cmd_list():
    import bench
    return _emit({"ok": True, "scenarios": sorted(twins.SCENARIOS), "benchmarks": list(bench.BENCHMARKS)}, 0)


def _cmd_scenario(opts):
    sid = opts["id"]
    func = twins.SCENARIOS.get(sid)
    if func is None:
        raise UsageError(f"unknown scenario {sid!r} (see `lab_driver.py list`)")
    if func.method_independent:
        method = opts.get("method")  # reported as given, not used
    else:
        method = _method(opts, required=True)
    timeout = _number(opts, "timeout", 20.0, 0.5, 3600.0, integer=False)
    try:
        given = json.loads(opts["params"]) if "params" in opts else {}
    except ValueError as e:
        raise UsageError(f"--params is not valid JSON: {e}")
    try:
        params = _common.resolve_params(func, given)
    except _common.ParamError as e:
        raise UsageError(str(e))

    result, error, tb = run_isolated(timeout, method if not func.method_independent else None,
                                      lambda ctx: func(ctx, params))
    hang = False
    if error is None:
        observed, detail = result
    elif isinstance(error, _common.Hang):
        observed, detail, hang = None, error.detail, True
    elif isinstance(error, _common.EarlyExit):
        observed, detail = _common.observation(("early_exit", True), ("exitcode", error.exitcode)), error.detail
    elif isinstance(error, _common.DriverDeadline):
        observed, detail, hang = None, f"{error} (--timeout {timeout:g} s, plus 1 s)", True
    elif isinstance(error, _common.DriverInterrupted):
        return _emit({"ok": False, "error": f"DriverInterrupted: {error}", "hang": False}, 1)
    elif isinstance(error, _common.ParamError):
        raise UsageError(str(error))
    else:
        return _emit({"ok": False, "error": f"{type(error).__name__}: {error}", "traceback": tb, "hang": False}, 1)
    return _emit(_scenario_answer(sid, method, observed, detail, hang), 0)


def _scenario_answer(sid, method, observed, detail, hang):
    """The one place where an observation becomes JSON: ``observed`` is what ``observation``
    built (an ordered dict of canonical strings), emitted as a JSON object in its key order;
    a hang has no observation (``{}``) and ``hang`` true."""
    if hang:
        observed = {}
    elif not _common.is_observation(observed):
        raise TypeError(f"twin {sid} returned {observed!r}, not an observation(...) (a dict of str -> str)")
    return {"ok": True, "scenario": sid, "start_method": method, "python_version": _python_version(),
            "observed": dict(observed), "detail": detail, "hang": hang}


def _cmd_bench(opts):
    import bench
    bid = opts["id"]
    func = bench.BENCHMARKS.get(bid)
    if func is None:
        raise UsageError(f"unknown benchmark {bid!r} (see `lab_driver.py list`)")
    method = _method(opts, required=True)
    n = _number(opts, "n", 20, 1, 100000, integer=True)
    warmup = _number(opts, "warmup", 3, 0, 100000, integer=True)
    timeout = _number(opts, "timeout", 120.0, 0.5, 36000.0, integer=False)
    try:
        given = json.loads(opts["params"]) if "params" in opts else {}
    except ValueError as e:
        raise UsageError(f"--params is not valid JSON: {e}")
    try:
        params = bench.resolve_params(func, given)
    except _common.ParamError as e:
        raise UsageError(str(e))
    result, error, tb = run_isolated(timeout, method, lambda ctx: func(ctx, n, warmup, params))
    if error is not None:
        if isinstance(error, (_common.Hang, _common.DriverDeadline, _common.DriverInterrupted,
                              _common.EarlyExit)):
            return _emit({"ok": False, "error": f"{type(error).__name__}: {error}"}, 1)
        return _emit({"ok": False, "error": f"{type(error).__name__}: {error}", "traceback": tb}, 1)
    if func.sweep:
        unit, series = result
        return _emit({"ok": True, "benchmark": bid, "start_method": method, "python_version": _python_version(),
                      "unit": unit, "n": n, "warmup": warmup, "series": series, "params": params}, 0)
    unit, samples = result
    return _emit({"ok": True, "benchmark": bid, "start_method": method, "python_version": _python_version(),
                  "unit": unit, "n": n, "warmup": warmup, "samples": samples, "params": params}, 0)


def main(argv=None):
    import signal
    # A launcher may start us with SIGINT ignored (SIG_IGN survives exec): restore Python's
    # default KeyboardInterrupt handler so every start method sees the usual SIGINT behaviour.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    argv = sys.argv[1:] if argv is None else argv
    # Every answer of `scenario` carries `hang`, its usage errors and failures included.
    extra = {"hang": False} if argv[:1] == ["scenario"] else {}
    try:
        command, opts = _parse(argv)
        if command == "help":
            usage = opts.get("usage", _USAGE)  # a command's help is argparse's text
            sys.stderr.write(usage if "usage" in opts else f"usage: {usage}\n")
            return _emit({"ok": True, "usage": usage}, 0)
        if command == "info":
            return _cmd_info()
        if command == "list":
            return _cmd_list()
        become_subreaper()
        install_driver_signal_handlers()
        if command == "scenario":
            return _cmd_scenario(opts)
        return _cmd_bench(opts)
    except UsageError as e:
        return _emit(dict({"ok": False, "error": str(e)}, **extra), 2)
    except BaseException as e:  # the driver's own failure: still one JSON line
        import traceback
        return _emit(dict({"ok": False, "error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()},
                          **extra), 1)


if __name__ == "__main__":
    sys.exit(main())
