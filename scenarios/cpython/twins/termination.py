"""Termination twins (seed 59.20 "Daemon Processes", 59.21 "Termination").

terminate() is SIGTERM: the child dies without running ``finally`` blocks; cooperative
shutdown through an Event lets it clean up. join(timeout) returns with the child still alive.
Daemon children are terminated by multiprocessing's *normal* exit handler only, and may not
start children of their own.
"""

import multiprocessing
import os
import select
import signal
import sys
import time

from ._common import (Hang, block, noop, observation, require_choice, require_number, scenario, write_marker)


def _ready_block_finally(conn, marker, seconds):
    try:
        conn.send("ready")
        conn.close()
        block(seconds)
    finally:
        write_marker(marker, f"finally ran in pid {os.getpid()}")


def _cooperative(conn, stop, marker, seconds):
    stopped = False
    try:
        conn.send("ready")
        conn.close()
        stopped = stop.wait(seconds)
    finally:
        write_marker(marker, f"finally ran in pid {os.getpid()}")
    # 0: left because stop was set; 4: the wait timed out instead.
    sys.exit(0 if stopped else 4)


def _block_only(seconds):
    block(seconds)


def _daemon_sleeper(seconds, driver_pid):
    # Deliberately does not watch its parent: the scenario asks whether anything kills it when
    # its parent dies. It watches the driver (its grandparent) instead, so that it does not
    # outlive a driver that was itself killed.
    wait_pid_gone(driver_pid, seconds)


def _middle(method, conn, daemon_seconds, block_seconds, driver_pid):
    mpc = multiprocessing.get_context(method)
    d = mpc.Process(target=_daemon_sleeper, args=(daemon_seconds, driver_pid), daemon=True)
    d.start()
    conn.send(d.pid)
    conn.close()
    block(block_seconds)


def _daemon_tries_child(method, conn):
    mpc = multiprocessing.get_context(method)
    try:
        q = mpc.Process(target=noop)
        q.start()
    except Exception as e:
        conn.send((True, f"{type(e).__name__}: {e}"))
        conn.close()
        return
    q.join(10)
    if q.is_alive():
        q.kill()
        q.join(2)
    conn.send((False, f"the daemon started pid {q.pid}, which ended with exitcode {q.exitcode!r}"))
    conn.close()


def _wait_ready(ctx, p, r, what):
    try:
        return ctx.recv(r, p, what)
    finally:
        r.close()


@scenario("termination.terminate-skips-finally")
def terminate_skips_finally(ctx, params):
    marker = ctx.temp_path("finally-marker")
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_ready_block_finally, (w, marker, ctx.child_block_seconds))
    w.close()
    _wait_ready(ctx, p, r, "readiness")
    p.terminate()
    ctx.join(p, "terminated child", cap=10.0)
    ran = os.path.exists(marker)
    detail = f"p.terminate() (SIGTERM) after readiness; marker written by finally: {ran}"
    return observation(("exitcode", p.exitcode), ("finally_ran", ran)), detail


@scenario("termination.cooperative-shutdown-runs-finally")
def cooperative_shutdown(ctx, params):
    marker = ctx.temp_path("finally-marker")
    stop = ctx.mp.Event()
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_cooperative, (w, stop, marker, ctx.child_block_seconds))
    w.close()
    _wait_ready(ctx, p, r, "readiness")
    stop.set()
    ctx.join(p, "child asked to stop", cap=10.0)
    ran = os.path.exists(marker)
    detail = f"stop.set() after readiness; exitcode 4 would mean the child's wait timed out; marker: {ran}"
    return observation(("exitcode", p.exitcode), ("finally_ran", ran)), detail


@scenario("termination.join-timeout-leaves-alive", defaults={"join_timeout": 0.2})
def join_timeout_leaves_alive(ctx, params):
    join_timeout = require_number(params, "join_timeout", 0.0, 5.0)
    p = ctx.start(_block_only, (ctx.child_block_seconds,))
    t0 = time.monotonic()
    p.join(join_timeout)
    waited = time.monotonic() - t0
    alive, code = p.is_alive(), p.exitcode
    p.kill()
    ctx.join(p, "killed child", cap=10.0)
    detail = f"join({join_timeout:g}) returned after {waited:.3f} s; afterwards killed, exitcode {p.exitcode!r}"
    return observation(("alive", alive), ("exitcode", code)), detail


def pid_gone(pid):
    """True when ``pid`` no longer runs (absent, or a zombie waiting to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state in ("Z", "X", "x")
    except (IOError, OSError, IndexError):
        pass
    if os.path.isdir("/proc"):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def wait_pid_gone(pid, timeout):
    """Wait up to ``timeout`` s for ``pid`` (not necessarily our child) to stop running.
    Uses a pidfd (Linux 5.3+, Python 3.9+), which becomes readable when the process exits,
    else polls /proc (or kill(pid, 0))."""
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is not None:
        try:
            fd = pidfd_open(pid)
        except ProcessLookupError:
            return True
        except OSError:
            fd = None
        if fd is not None:
            try:
                readable, _, _ = select.select([fd], [], [], timeout)
                return bool(readable) or pid_gone(pid)
            finally:
                os.close(fd)
    deadline = time.monotonic() + timeout
    while True:
        if pid_gone(pid):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


@scenario("termination.daemon-dies-with-parent", defaults={"grace": 2.0})
def daemon_dies_with_parent(ctx, params):
    grace = require_number(params, "grace", 0.0, 10.0)
    r, w = ctx.mp.Pipe(duplex=False)
    # The daemon does not watch its parent, so it sleeps only a little longer than needed.
    middle = ctx.start(_middle, (ctx.method, w, grace + 10.0, ctx.child_block_seconds, os.getpid()))
    w.close()
    d_pid = _wait_ready(ctx, middle, r, "the daemon's pid")
    try:
        if ctx.remaining() < grace + 0.5:
            raise Hang(f"too little of the run's timeout left for a {grace:.1f} s grace period")
        os.kill(middle.pid, signal.SIGKILL)
        ctx.wait_exit(middle, "SIGKILLed middle process", cap=10.0)
        gone = wait_pid_gone(d_pid, grace)
        state = "had stopped" if gone else "was still running"
        detail = (f"middle pid {middle.pid} SIGKILLed (exitcode {middle.exitcode!r}); "
                  f"its daemon pid {d_pid} {state} {grace:.1f} s later")
    finally:
        # The daemon is not our child (its parent was the middle process, or a forkserver);
        # it is killed here whatever happened. The driver's orphan sweep reaps it.
        try:
            os.kill(d_pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if not wait_pid_gone(d_pid, 5.0):
            raise Hang(f"daemon pid {d_pid} survived SIGKILL for 5 s")
    return observation(("daemon_alive_after_parent_sigkill", not gone)), detail


@scenario("termination.daemon-cannot-have-children")
def daemon_cannot_have_children(ctx, params):
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_daemon_tries_child, (ctx.method, w), daemon=True)
    w.close()
    refused, message = _wait_ready(ctx, p, r, "the daemon's report")
    ctx.join(p, "daemon child")
    return observation(("refused", refused)), message.strip()


# --- interruptions and group shutdown (issue #13 §1) --------------------------------------

def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def _ignore_signal(signum, frame):
    pass


def _interruptible(conn, marker, signame, seconds):
    # SIGINT raises KeyboardInterrupt by default; SIGTERM kills unless a handler turns it into one.
    if signame == "SIGTERM":
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    _ready_block_finally(conn, marker, seconds)


def _ready_block(conn, seconds):
    conn.send("ready")
    conn.close()
    block(seconds)


def _stubborn(conn, seconds):
    signal.signal(signal.SIGTERM, _ignore_signal)
    conn.send("ready")
    conn.close()
    block(seconds)


def _sleep_long(x):
    block(300.0)
    return x


def _map_until_interrupted(method, ready, done):
    mpc = multiprocessing.get_context(method)
    outcome = "completed"
    with mpc.Pool(2) as pool:
        try:
            # Inside the try: the parent may signal as soon as the bytes are written, and Python raises
            # KeyboardInterrupt at its next check, which can still be inside send().
            ready.send([w.pid for w in pool._pool])
            ready.close()
            pool.map(_sleep_long, range(4), chunksize=1)
        except KeyboardInterrupt:
            outcome = "interrupted"
    done.send(outcome)
    done.close()


@scenario("termination.interrupt-runs-finally", defaults={"signal": "SIGINT"})
def interrupt_runs_finally(ctx, params):
    signame = require_choice(params, "signal", ("SIGINT", "SIGTERM"))
    marker = ctx.temp_path("finally-marker")
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_interruptible, (w, marker, signame, ctx.child_block_seconds))
    w.close()
    _wait_ready(ctx, p, r, "readiness")
    os.kill(p.pid, getattr(signal, signame))
    ctx.join(p, f"child sent {signame}", cap=10.0)
    ran = os.path.exists(marker)
    detail = f"{signame} after readiness; marker written by finally: {ran}"
    return observation(("exitcode", p.exitcode), ("finally_ran", ran)), detail


@scenario("termination.interrupted-pool-map")
def interrupted_pool_map(ctx, params):
    ready_r, ready_w = ctx.mp.Pipe(duplex=False)
    done_r, done_w = ctx.mp.Pipe(duplex=False)
    parent = ctx.start(_map_until_interrupted, (ctx.method, ready_w, done_w))
    ready_w.close()
    done_w.close()
    workers = _wait_ready(ctx, parent, ready_r, "the pool's worker pids")
    os.kill(parent.pid, signal.SIGINT)
    outcome = _wait_ready(ctx, parent, done_r, "how the map ended")
    ctx.join(parent, "interrupted parent", cap=10.0)
    # `with Pool()` left through terminate(), which joins the workers before the outcome was sent.
    alive = sum(1 for pid in workers if not pid_gone(pid))
    detail = f"SIGINT to the parent (pid {parent.pid}) only, blocked in Pool.map; workers {workers}"
    return observation(("map", outcome), ("parent_exitcode", parent.exitcode), ("workers_alive", alive)), detail


_SHUTDOWN_DEADLINE = 2.0  # seconds, as the engine twin's Multiprocessing.ShutdownChildren


@scenario("termination.shutdown-deadline")
def shutdown_deadline(ctx, params):
    deadline_s = _SHUTDOWN_DEADLINE
    marker = ctx.temp_path("finally-marker")
    children = []
    for name, target, extra in (("cooperative", _interruptible, (marker, "SIGTERM")),
                                ("stubborn", _stubborn, ()),
                                ("plain", _ready_block, ())):
        r, w = ctx.mp.Pipe(duplex=False)
        p = ctx.start(target, (w,) + extra + (ctx.child_block_seconds,))
        w.close()
        _wait_ready(ctx, p, r, f"the {name} child's readiness")
        children.append(p)
    pool = ctx.mp.Pool(2)
    try:
        pending = pool.map_async(_sleep_long, range(4), chunksize=1)
        workers = [w.pid for w in pool._pool]
        # The seeds' recipe: terminate the pool, ask every child to stop, join until the deadline, kill the rest.
        end = time.monotonic() + deadline_s
        pool.terminate()
        for p in children:
            p.terminate()
        codes, killed = [], []
        for p in children:
            p.join(max(0.0, end - time.monotonic()))
            if p.is_alive():
                p.kill()
                ctx.join(p, "child killed at the deadline", cap=10.0)
                killed.append(p.pid)
            codes.append(p.exitcode)
        map_ready = pending.ready()
    finally:
        pool.terminate()
    alive = sum(1 for pid in [p.pid for p in children] + workers if not pid_gone(pid))
    detail = f"deadline {deadline_s:g} s; killed at the deadline: {killed}; pool workers {workers}"
    return observation(("cooperative", codes[0]), ("cooperative_finally", os.path.exists(marker)), ("stubborn", codes[1]),
                       ("plain", codes[2]), ("map_ready", map_ready), ("alive_after", alive)), detail
