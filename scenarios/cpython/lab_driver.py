#!/usr/bin/env python3
"""The cpython subject's driver: runs the CPython twin of one lab scenario (or one benchmark)
with the real ``multiprocessing`` and prints exactly ONE JSON object on one line of stdout.

    lab_driver.py info
    lab_driver.py list
    lab_driver.py scenario ID --method fork|spawn|forkserver [--params JSON] [--timeout S]
    lab_driver.py bench ID --method M [--n N] [--warmup W] [--params JSON] [--timeout S]

Exit codes: 0 the driver worked (whatever it observed), 1 a twin raised unexpectedly,
2 usage error. stdout carries only the JSON line; stderr is free diagnostics (everything the
run's processes wrote to fds 1 and 2 is captured and echoed there at the end).
Standard library only; Python 3.9 .. 3.14. See README.md.
"""

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

def _parse(argv):
    """A small parser of our own: argparse would print free text to stdout (--help) and exit
    by itself on errors; here every outcome is a JSON line."""
    if not argv:
        raise UsageError("no command; usage: " + _USAGE)
    command, rest = argv[0], argv[1:]
    if command in ("-h", "--help", "help"):
        return "help", {}
    if command not in ("info", "list", "scenario", "bench"):
        raise UsageError("unknown command %r; usage: %s" % (command, _USAGE))
    opts = {}
    positional = []
    allowed = {
        "info": (), "list": (),
        "scenario": ("--method", "--params", "--timeout"),
        "bench": ("--method", "--n", "--warmup", "--params", "--timeout"),
    }[command]
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg.startswith("--"):
            name, eq, value = arg.partition("=")
            if name not in allowed:
                raise UsageError("unknown option %r for %s" % (name, command))
            if not eq:
                if i + 1 >= len(rest):
                    raise UsageError("option %s needs a value" % name)
                i += 1
                value = rest[i]
            opts[name[2:]] = value
        else:
            positional.append(arg)
        i += 1
    expected = 1 if command in ("scenario", "bench") else 0
    if len(positional) != expected:
        raise UsageError("%s takes %s; usage: %s" % (command, "an ID" if expected else "no argument", _USAGE))
    if positional:
        opts["id"] = positional[0]
    return command, opts


def _number(opts, key, default, lo, hi, integer):
    raw = opts.get(key)
    if raw is None:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise UsageError("--%s must be %s, got %r" % (key, "an integer" if integer else "a number", raw))
    if not lo <= value <= hi:
        raise UsageError("--%s must be in [%s, %s], got %r" % (key, lo, hi, raw))
    return value


def _method(opts, required):
    import multiprocessing
    method = opts.get("method")
    if method is None:
        if required:
            raise UsageError("--method is required (one of %s)" % ", ".join(multiprocessing.get_all_start_methods()))
        return None
    if method not in multiprocessing.get_all_start_methods():
        raise UsageError("start method %r is not available here (available: %s)"
                         % (method, ", ".join(multiprocessing.get_all_start_methods())))
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
    return _emit({"ok": True, "scenarios": list(twins.SCENARIOS), "benchmarks": list(bench.BENCHMARKS)}, 0)


def _cmd_scenario(opts):
    sid = opts["id"]
    func = twins.SCENARIOS.get(sid)
    if func is None:
        raise UsageError("unknown scenario %r (see `lab_driver.py list`)" % sid)
    if func.method_independent:
        method = opts.get("method")  # reported as given, not used
    else:
        method = _method(opts, required=True)
    timeout = _number(opts, "timeout", 20.0, 0.5, 3600.0, integer=False)
    try:
        given = json.loads(opts["params"]) if "params" in opts else {}
    except ValueError as e:
        raise UsageError("--params is not valid JSON: %s" % e)
    try:
        params = _common.resolve_params(func, given)
    except _common.ParamError as e:
        raise UsageError(str(e))

    result, error, tb = run_isolated(timeout, method if not func.method_independent else None,
                                      lambda ctx: func(ctx, params))
    out = {"ok": True, "scenario": sid, "start_method": method, "python_version": _python_version()}
    if error is None:
        observed, detail = result
    elif isinstance(error, _common.Hang):
        observed, detail = "hang", error.detail
    elif isinstance(error, _common.EarlyExit):
        observed, detail = _common.observation(("early_exit", True), ("exitcode", error.exitcode)), error.detail
    elif isinstance(error, _common.DriverDeadline):
        observed, detail = "hang", "%s (--timeout %g s, plus 1 s)" % (error, timeout)
    elif isinstance(error, _common.DriverInterrupted):
        return _emit({"ok": False, "error": "DriverInterrupted: %s" % error}, 1)
    elif isinstance(error, _common.ParamError):
        raise UsageError(str(error))
    else:
        return _emit({"ok": False, "error": "%s: %s" % (type(error).__name__, error), "traceback": tb}, 1)
    out["observed"] = observed
    out["detail"] = detail
    return _emit(out, 0)


def _cmd_bench(opts):
    import bench
    bid = opts["id"]
    func = bench.BENCHMARKS.get(bid)
    if func is None:
        raise UsageError("unknown benchmark %r (see `lab_driver.py list`)" % bid)
    method = _method(opts, required=True)
    n = _number(opts, "n", 20, 1, 100000, integer=True)
    warmup = _number(opts, "warmup", 3, 0, 100000, integer=True)
    timeout = _number(opts, "timeout", 120.0, 0.5, 36000.0, integer=False)
    try:
        given = json.loads(opts["params"]) if "params" in opts else {}
    except ValueError as e:
        raise UsageError("--params is not valid JSON: %s" % e)
    try:
        params = bench.resolve_params(func, given)
    except _common.ParamError as e:
        raise UsageError(str(e))
    result, error, tb = run_isolated(timeout, method, lambda ctx: func(ctx, n, warmup, params))
    if error is not None:
        if isinstance(error, (_common.Hang, _common.DriverDeadline, _common.DriverInterrupted,
                              _common.EarlyExit)):
            return _emit({"ok": False, "error": "%s: %s" % (type(error).__name__, error)}, 1)
        return _emit({"ok": False, "error": "%s: %s" % (type(error).__name__, error), "traceback": tb}, 1)
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
    try:
        command, opts = _parse(argv)
        if command == "help":
            sys.stderr.write("usage: %s\n" % _USAGE)
            return _emit({"ok": True, "usage": _USAGE}, 0)
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
        return _emit({"ok": False, "error": str(e)}, 2)
    except BaseException as e:  # the driver's own failure: still one JSON line
        import traceback
        return _emit({"ok": False, "error": "%s: %s" % (type(e).__name__, e),
                      "traceback": traceback.format_exc()}, 1)


if __name__ == "__main__":
    sys.exit(main())
