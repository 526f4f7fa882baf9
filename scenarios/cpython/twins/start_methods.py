"""Start-method twins (seed 59.4-59.8 and 59.28 "Randomness").

fork copies the parent's live state; spawn starts a fresh interpreter that re-imports the main
module (as __mp_main__) and the target's module; forkserver forks from a server that imported
the main module once (default preload ['__main__']) and knows nothing the parent did later.
"""

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time

from ._common import Hang, observation, require_number, scenario, tail

IMPORT_TIME_VALUE = "import-time"
RUNTIME_VALUE = "set-by-parent-at-runtime"
RUNTIME_STATE = IMPORT_TIME_VALUE

# Created unseeded when this module is imported. lab_driver.py imports the twins package at
# top level, so the forkserver (which preloads __main__) creates it once in the server and
# every child it forks inherits that one state.
OWN_RNG = random.Random()
IMPORTED_IN_PID = os.getpid()

_BOOTSTRAP_TEXT = "bootstrapping phase"


def _report_runtime_state():
    if RUNTIME_STATE == RUNTIME_VALUE:
        sys.exit(10)
    if RUNTIME_STATE == IMPORT_TIME_VALUE:
        sys.exit(20)
    sys.exit(30)


@scenario("start-methods.child-sees-parent-state")
def child_sees_parent_state(ctx, params):
    global RUNTIME_STATE
    previous = RUNTIME_STATE
    RUNTIME_STATE = RUNTIME_VALUE
    try:
        p = ctx.start(_report_runtime_state)
        ctx.join(p, "child reporting module state")
    finally:
        RUNTIME_STATE = previous
    meaning = {10: True, 20: False}
    if p.exitcode in meaning:
        obs = observation(("child_sees_parent_runtime_state", meaning[p.exitcode]))
    else:
        obs = observation(("child_sees_parent_runtime_state", "error"), ("child_exitcode", p.exitcode))
    detail = f"child exit {p.exitcode!r} (10: saw the value set at run time, 20: saw the import-time value)"
    return obs, detail


@scenario("start-methods.available", method_independent=True)
def available(ctx, params):
    methods = multiprocessing.get_all_start_methods()
    return observation(("methods", ",".join(methods))), "multiprocessing.get_all_start_methods()"


@scenario("start-methods.default", method_independent=True)
def default(ctx, params):
    # The driver never calls set_start_method, and get_context(M) does not fix the default,
    # so this is the platform/version default.
    method = multiprocessing.get_start_method()
    return observation(("default", method)), f"multiprocessing.get_start_method() in a fresh driver ({sys.platform})"


def _unguarded_script(method, join):
    return f'''\
# Written by the CPython lab driver: process creation at top level, WITHOUT a main guard.
import multiprocessing
import sys


def worker():
    pass


ctx = multiprocessing.get_context({method!r})
p = ctx.Process(target=worker)
p.start()
p.join({join!r})
if p.is_alive():
    p.kill()
    p.join()
print(f"unguarded script ({{__name__}}): child exitcode {{p.exitcode!r}}", flush=True)
'''


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _run_script(ctx, params, kind, write):
    """Writes the ``kind`` ("unguarded" or "guarded") script with ``write(method, join)``, runs it with
    ``sys.executable`` in a new session, kills its process group on timeout and afterwards; returns
    (exit code, merged output, the script's last summary line or None)."""
    limit = require_number(params, "script_timeout", 1.0, 120.0)
    budget = ctx.remaining(limit)
    script = ctx.temp_path(kind) + ".py"
    with open(script, "w") as f:
        f.write(write(ctx.method, max(1.0, budget - 2.0)))
    proc = subprocess.Popen([sys.executable, script], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd=ctx.workdir, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=budget)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        proc.communicate()
        raise Hang(f"the {kind} script did not finish within {budget:.1f} s (its process group was killed)")
    finally:
        # Whatever the script left behind in its session dies with it.
        _kill_group(proc.pid)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = out.decode("utf-8", "replace")
    summary = [line.strip() for line in text.splitlines() if line.startswith(f"{kind} script")]
    return rc, text, summary[-1] if summary else None


def _detail(summary, text):
    return f"{summary or 'the script printed no summary line'}; output tail: {tail(text, 6, 900) or '(none)'}"


@scenario("start-methods.main-guard", defaults={"script_timeout": 20.0})
def main_guard(ctx, params):
    rc, text, summary = _run_script(ctx, params, "unguarded", _unguarded_script)
    return observation(("script_exitcode", rc), ("bootstrap_error", _BOOTSTRAP_TEXT in text)), _detail(summary, text)


def _guarded_script(method, join):
    return f'''\
# Written by the CPython lab driver: the same process creation as the unguarded script, behind the main guard.
import multiprocessing


def worker():
    pass


if __name__ == "__main__":
    ctx = multiprocessing.get_context({method!r})
    p = ctx.Process(target=worker)
    p.start()
    p.join({join!r})
    if p.is_alive():
        p.kill()
        p.join()
    print(f"guarded script ({{__name__}}): child exitcode {{p.exitcode!r}}", flush=True)
'''


@scenario("start-methods.main-guard-guarded", defaults={"script_timeout": 20.0})
def main_guard_guarded(ctx, params):
    rc, text, summary = _run_script(ctx, params, "guarded", _guarded_script)
    child = summary.split()[-1] if summary else "none"
    return observation(("script_exitcode", rc), ("child_exitcode", child), ("bootstrap_error", _BOOTSTRAP_TEXT in text)), _detail(summary, text)


def _draws(conn):
    conn.send({"pid": os.getpid(), "imported_in": IMPORTED_IN_PID,
               "global": [random.random() for _ in range(3)],
               "own": [OWN_RNG.random() for _ in range(3)]})
    conn.close()


@scenario("start-methods.random-after-fork")
def random_after_fork(ctx, params):
    reports = []
    for i in range(2):
        r, w = ctx.mp.Pipe(duplex=False)
        p = ctx.start(_draws, (w,))
        w.close()
        try:
            reports.append(ctx.recv(r, p, f"draws of child {i + 1}"))
        finally:
            r.close()
        ctx.join(p, f"child {i + 1}")
    a, b = reports
    same_global = a["global"] == b["global"]
    same_own = a["own"] == b["own"]
    origin = ["in the child" if r["imported_in"] == r["pid"]
              else "in the parent" if r["imported_in"] == os.getpid()
              else f'in pid {r["imported_in"]} (the forkserver)'
              for r in reports]
    detail = (f"first draws: global {a['global'][0]:.6f} vs {b['global'][0]:.6f}, "
              f"own Random() {a['own'][0]:.6f} vs {b['own'][0]:.6f}; the twins module (and its "
              f"Random()) was imported {origin[0]} / {origin[1]}")
    return observation(("global_random_same", same_global), ("own_generator_same", same_own)), detail
