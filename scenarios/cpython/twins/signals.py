"""Signals twins (seeds 59.26 Signals): what a terminal's Ctrl-C, a SIGINT to the whole foreground process group
(termios(3), INTR), does to a program's children.

The driver never signals its own group: a child of the driver stands in for the program. It makes itself the leader
of a new process group (os.setpgrp) before it starts anything, so its children, and under forkserver its own fork
server and resource tracker (both ignore SIGINT), are in that group and no one else is.
"""

import multiprocessing
import os
import signal
import time

from ._common import block, observation, require_choice, require_int, scenario
from .pool_functions import announce_then_block, init_record

_WAIT = 15.0  # s the leader waits for a child's "ready" and for each child's end
_MAP_WAIT = 3.0  # s the leader waits for the pool's map after the interrupt (it never completes on CPython)


def _ready_then_block(conn, seconds):
    conn.send("ready")
    conn.close()
    block(seconds)


def _lead_new_group(report):
    """Makes this process the leader of a new process group and returns its id; None (and an error sent) if it does not
    lead it afterwards, so that the SIGINT never goes to the driver's group."""
    os.setpgrp()
    pgid = os.getpgrp()
    if pgid != os.getpid():
        report.send(("error", f"process {os.getpid()} does not lead its group {pgid}"))
        return None
    return pgid


def _interrupt_own_group(report, method, children, seconds):
    """The leader: sends [survived, [exit code of each child (None: still running after the wait)]] or an error."""
    pgid = _lead_new_group(report)
    if pgid is None:
        return
    mp = multiprocessing.get_context(method)
    kids = []
    try:
        for _ in range(children):
            r, w = mp.Pipe(duplex=False)
            p = mp.Process(target=_ready_then_block, args=(w, seconds))
            p.start()
            w.close()
            kids.append(p)
            if not r.poll(_WAIT):
                report.send(("error", f"child {p.pid} did not say ready"))
                return
            r.recv()
            r.close()
        interrupted = _interrupted(pgid)
        codes = []
        for p in kids:
            p.join(_WAIT)
            codes.append(p.exitcode)
        report.send(("ok", interrupted, codes))
    finally:
        for p in kids:
            if p.is_alive():
                p.kill()
                p.join(2.0)


def _interrupted(pgid):
    """Sends SIGINT to the group (this process included) and reports whether KeyboardInterrupt reached this process."""
    try:
        os.killpg(pgid, signal.SIGINT)
        deadline = time.monotonic() + _WAIT
        # In slices: PyPy runs a Python-level handler only when its interpreter checks for one.
        while time.monotonic() < deadline:
            time.sleep(0.05)
    except KeyboardInterrupt:
        return True
    return False


def _interrupt_own_group_pool(report, method, children, directory):
    """The leader, with a Pool: every worker runs a task that announces itself and blocks; then the group's SIGINT.
    Sends ("ok", survived, [each original worker's exit code], map outcome, workers replaced)."""
    pgid = _lead_new_group(report)
    if pgid is None:
        return
    mp = multiprocessing.get_context(method)
    pool = mp.Pool(children, initializer=init_record, initargs=(directory,))
    try:
        result = pool.map_async(announce_then_block, range(children), 1)
        deadline = time.monotonic() + _WAIT
        while len([f for f in os.listdir(directory) if f.startswith("started-")]) < children:
            if time.monotonic() >= deadline:
                report.send(("error", "the pool's workers did not all start a task"))
                return
            time.sleep(0.01)
        workers = list(pool._pool)
        interrupted = _interrupted(pgid)
        try:
            result.get(_MAP_WAIT)
            outcome = "completed"
        except multiprocessing.TimeoutError:
            outcome = "blocked"
        except Exception as e:
            outcome = type(e).__name__
        for p in workers:
            p.join(_WAIT)
        now = [p.pid for p in pool._pool]
        replaced = len(now) == children and not set(now) & set(p.pid for p in workers)
        report.send(("ok", interrupted, [p.exitcode for p in workers], outcome, replaced))
    finally:
        pool.terminate()


@scenario("signals.process-group-interrupt", defaults={"group": "processes", "children": 2})
def process_group_interrupt(ctx, params):
    """leader_survived: the leader caught KeyboardInterrupt and reported; children_exitcodes in start order ("alive"
    for one still running); leader_exitcode. group=pool: workers_exitcodes (the pool's original workers), map (blocked:
    map_async().get(3) timed out) and workers_replaced (the pool runs new workers)."""
    # handling-children: a CPython child handles SIGINT by default (KeyboardInterrupt), so it runs as "processes".
    group = require_choice(params, "group", ("processes", "handling-children", "pool"))
    children = require_int(params, "children", 1, 8)
    r, w = ctx.mp.Pipe(duplex=False)
    if group == "pool":
        directory = ctx.temp_path("group-pool")
        os.mkdir(directory)
        leader = ctx.start(_interrupt_own_group_pool, (w, ctx.method, children, directory))
    else:
        leader = ctx.start(_interrupt_own_group, (w, ctx.method, children, ctx.child_block_seconds))
    w.close()
    try:
        answer = ctx.recv(r, leader, "the leader's report")
    finally:
        r.close()
    code = ctx.join(leader, "the group's leader")
    if answer[0] != "ok":
        return observation(("leader_error", answer[1]), ("leader_exitcode", code)), answer[1]
    exitcodes = ",".join("alive" if c is None else str(c) for c in answer[2])
    if group == "pool":
        _, interrupted, _, outcome, replaced = answer
        return (observation(("leader_survived", interrupted), ("workers_exitcodes", exitcodes), ("map", outcome),
                            ("workers_replaced", replaced), ("leader_exitcode", code)),
                f"leader pid {leader.pid} ran a Pool of {children} in its own process group and sent the group SIGINT")
    return (observation(("leader_survived", answer[1]), ("children_exitcodes", exitcodes), ("leader_exitcode", code)),
            f"leader pid {leader.pid} led its own process group and sent it SIGINT")
