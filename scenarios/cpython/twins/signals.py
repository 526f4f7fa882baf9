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

from ._common import block, observation, require_int, scenario

_WAIT = 15.0  # s the leader waits for a child's "ready" and for each child's end


def _ready_then_block(conn, seconds):
    conn.send("ready")
    conn.close()
    block(seconds)


def _interrupt_own_group(report, method, children, seconds):
    """The leader: sends [survived, [exit code of each child (None: still running after the wait)]] or an error."""
    os.setpgrp()
    pgid = os.getpgrp()
    if pgid != os.getpid():
        report.send(("error", f"process {os.getpid()} does not lead its group {pgid}"))
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
        interrupted = False
        try:
            os.killpg(pgid, signal.SIGINT)
            deadline = time.monotonic() + _WAIT
            # In slices: PyPy runs a Python-level handler only when its interpreter checks for one.
            while time.monotonic() < deadline:
                time.sleep(0.05)
        except KeyboardInterrupt:
            interrupted = True
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


@scenario("signals.process-group-interrupt", defaults={"children": 2})
def process_group_interrupt(ctx, params):
    """leader_survived: the leader caught KeyboardInterrupt and reported; children_exitcodes in start order ("alive"
    for one still running); leader_exitcode."""
    children = require_int(params, "children", 1, 8)
    r, w = ctx.mp.Pipe(duplex=False)
    leader = ctx.start(_interrupt_own_group, (w, ctx.method, children, ctx.child_block_seconds))
    w.close()
    try:
        answer = ctx.recv(r, leader, "the leader's report")
    finally:
        r.close()
    code = ctx.join(leader, "the group's leader")
    if answer[0] != "ok":
        return observation(("leader_error", answer[1]), ("leader_exitcode", code)), answer[1]
    _, interrupted, codes = answer
    return (observation(("leader_survived", interrupted),
                        ("children_exitcodes", ",".join("alive" if c is None else str(c) for c in codes)),
                        ("leader_exitcode", code)),
            f"leader pid {leader.pid} led its own process group and sent it SIGINT")
