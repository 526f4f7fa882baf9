"""Exit-code twins (seed 59.11 "Exit Codes", 59.26 "Signals").

``Process.exitcode``: 0 on return, n for ``sys.exit(n)``, 1 for an unhandled exception (with
the traceback on the child's stderr), ``-N`` for death by signal N. ``exit(137)`` and SIGKILL
stay distinguishable (137 vs -9).
"""

import os
import signal
import sys

from ._common import (block, exit_with, no_core_dumps, observation,
                      require_choice, require_int, scenario, tail)

_SIGNALS = ("SIGTERM", "SIGKILL", "SIGINT", "SIGSEGV", "SIGABRT")
_SYSTEM_EXIT_VALUES = {"true": True, "false": False, "none": None, "text": "lab-text"}


def _return_normally():
    return "ignored return value"


def _raise_value_error():
    raise ValueError("lab-boom")


def ready_then_block(conn, seconds):
    conn.send("ready")
    conn.close()
    block(seconds)


def _segfault():
    no_core_dumps()
    import ctypes
    ctypes.string_at(1)  # not 0: PyPy's string_at(0) returns None instead of reading address 0


def _abort():
    no_core_dumps()
    os.abort()


def _system_exit(kind):
    sys.exit(_SYSTEM_EXIT_VALUES[kind])


def _run_to_exit(ctx, target, args=(), what="child"):
    p = ctx.start(target, args)
    ctx.join(p, what)
    return p


def start_ready_blocker(ctx, what):
    """Start a child that reports readiness and then blocks; return it once it is ready."""
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(ready_then_block, (w, ctx.child_block_seconds))
    w.close()
    try:
        ctx.recv(r, p, "readiness of " + what)
    finally:
        r.close()
    return p


@scenario("exit-codes.explicit-exit", defaults={"code": 3})
def explicit_exit(ctx, params):
    code = require_int(params, "code", 0, 255)
    p = _run_to_exit(ctx, exit_with, (code,), f"child calling sys.exit({code})")
    return observation(("exitcode", p.exitcode)), f"child ran sys.exit({code})"


@scenario("exit-codes.return")
def returns_normally(ctx, params):
    p = _run_to_exit(ctx, _return_normally, (), "returning child")
    return observation(("exitcode", p.exitcode)), "target returned a value, which multiprocessing discards"


@scenario("exit-codes.unhandled-exception")
def unhandled_exception(ctx, params):
    mark = ctx.stderr_mark()
    p = _run_to_exit(ctx, _raise_value_error, (), "raising child")
    err = ctx.stderr_since(mark)
    reported = None if err is None else ("lab-boom" in err)
    detail = f'child stderr: {tail(err) if err else "(nothing captured)"}'
    return observation(("exitcode", p.exitcode), ("error_reported", reported)), detail


@scenario("exit-codes.signal", defaults={"signal": "SIGTERM"})
def killed_by_signal(ctx, params):
    name = require_choice(params, "signal", _SIGNALS)
    sig = getattr(signal, name)
    mark = ctx.stderr_mark()
    if name == "SIGSEGV":
        p = _run_to_exit(ctx, _segfault, (), "segfaulting child")
        how = "child read address 1 through ctypes.string_at(1)"
    elif name == "SIGABRT":
        p = _run_to_exit(ctx, _abort, (), "aborting child")
        how = "child called os.abort()"
    else:
        p = start_ready_blocker(ctx, "the child to signal")
        os.kill(p.pid, sig)
        ctx.join(p, f"child sent {name}", cap=10.0)
        how = f"parent sent {name} with os.kill after readiness"
    err = ctx.stderr_since(mark)
    detail = how + ("; child stderr: " + tail(err, 2) if err and err.strip() else "")
    return observation(("exitcode", p.exitcode)), detail


@scenario("exit-codes.exit-137-vs-sigkill")
def exit_137_vs_sigkill(ctx, params):
    a = ctx.start(exit_with, (137,))
    b = start_ready_blocker(ctx, "the child to SIGKILL")
    os.kill(b.pid, signal.SIGKILL)
    ctx.join(a, "child calling sys.exit(137)")
    ctx.join(b, "child sent SIGKILL", cap=10.0)
    detail = "one child sys.exit(137), the other SIGKILLed after readiness"
    return observation(("exit137", a.exitcode), ("sigkill", b.exitcode)), detail


@scenario("exit-codes.system-exit-values", defaults={"value": "text"})
def system_exit_values(ctx, params):
    kind = require_choice(params, "value", tuple(_SYSTEM_EXIT_VALUES))
    mark = ctx.stderr_mark()
    p = _run_to_exit(ctx, _system_exit, (kind,), f"child calling sys.exit({_SYSTEM_EXIT_VALUES[kind]!r})")
    pairs = [("exitcode", p.exitcode)]
    err = ctx.stderr_since(mark)
    if kind == "text":
        pairs.append(("stderr_has_text", None if err is None else ("lab-text" in err)))
    shown = f"; child stderr: {tail(err, 2)}" if err and err.strip() else ""
    detail = f"child ran sys.exit({_SYSTEM_EXIT_VALUES[kind]!r}){shown}"
    return observation(*pairs), detail
