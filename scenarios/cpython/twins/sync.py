"""Synchronization twins (seeds 59.19 "Locks", 59.21 "Termination"; CPython's
multiprocessing/synchronize.py and Modules/_multiprocessing/semaphore.c, and the lab notes
"multiprocessing-internals.md" section 4).

Lock is a SemLock of kind SEMAPHORE with maxvalue 1: releasing it unlocked raises ValueError
("semaphore or lock released too many times") and there is no owner check, so any process may
release it. RLock (RECURSIVE_MUTEX) refuses a release by a non-owner (AssertionError).
BoundedSemaphore refuses an over-release (ValueError). Event, Condition and Barrier work across
processes. A lock held by a killed process is never released (POSIX semaphores have no robust
mode): the hazard of seed 59.21 "locks left acquired".
"""

import os
import signal
import sys
import threading

from ._common import Hang, block, observation, scenario, write_marker


def _kind(e):
    if isinstance(e, ValueError):
        return "value_error"
    if isinstance(e, AssertionError):
        return "assertion_error"
    if isinstance(e, threading.BrokenBarrierError):
        return "broken_barrier"
    return type(e).__name__


def _attempt(call):
    """(raised, canonical kind or 'none', text)."""
    try:
        call()
    except Exception as e:
        return True, _kind(e), f"{type(e).__name__}: {e}"
    return False, "none", "no error"


def _wait_line(conn, seconds):
    """Child side: wait for one message from the parent, at most ``seconds``."""
    if conn.poll(seconds):
        try:
            return conn.recv()
        except EOFError:
            return None
    return None


# --- children ---------------------------------------------------------------------------------

def _acquire_and_return(lock, seconds):
    if not lock.acquire(timeout=seconds):
        sys.exit(3)
    # Returns holding the lock.


def _acquire_report_wait_release(lock, conn, seconds):
    if not lock.acquire(timeout=seconds):
        sys.exit(3)
    conn.send("held")
    _wait_line(conn, seconds)
    lock.release()
    conn.close()


def _wait_event(event, conn, seconds):
    conn.send("waiting")
    conn.send(event.wait(seconds))
    conn.close()


def _wait_condition(cond, conn, seconds):
    with cond:
        # Said while holding the condition's lock: the parent can take the lock (and notify)
        # only once wait() below has released it, so the notification cannot come too early.
        conn.send("waiting")
        notified = cond.wait(seconds)
    conn.send(notified)
    conn.close()


def _barrier_party(barrier, conn, timeout):
    try:
        conn.send(("index", barrier.wait(timeout)))
    except threading.BrokenBarrierError as e:
        conn.send(("broken", f"{type(e).__name__}"))
    except Exception as e:
        conn.send(("error", f"{type(e).__name__}: {e}"))
    conn.close()


def _acquire_report_block(lock, conn, seconds):
    if not lock.acquire(timeout=seconds):
        sys.exit(3)
    conn.send("held")
    conn.close()
    block(seconds)  # SIGKILLed here, holding the lock


def _work_until_stopped(stop, lock, conn, marker, seconds):
    import time
    deadline = time.monotonic() + seconds
    try:
        announced = False
        while not stop.is_set():
            if time.monotonic() > deadline:
                sys.exit(4)
            with lock:
                pass  # the "critical section" of one unit of work
            if not announced:
                conn.send("running")
                conn.close()
                announced = True
            stop.wait(0.005)
    finally:
        write_marker(marker, f"finally ran in pid {os.getpid()}")


# --- twins ------------------------------------------------------------------------------------

@scenario("sync.lock-release-unlocked")
def lock_release_unlocked(ctx, params):
    lock = ctx.mp.Lock()
    _, kind, how = _attempt(lock.release)
    return observation(("raised", kind)), f"Lock().release() without acquire: {how}"


@scenario("sync.lock-released-by-other-process")
def lock_released_by_other_process(ctx, params):
    lock = ctx.mp.Lock()
    p = ctx.start(_acquire_and_return, (lock, ctx.child_block_seconds))
    ctx.join(p, "child acquiring the lock")
    if p.exitcode != 0:
        return observation(("released", None)), f"the child could not acquire the lock (exitcode {p.exitcode!r})"
    held = not lock.acquire(False)
    raised, kind, how = _attempt(lock.release)
    free = lock.acquire(False)
    if free:
        lock.release()
    released = not raised and free
    detail = (f"child acquired and returned (exitcode 0); held afterwards: {held}; parent release(): {how}; "
              f"free afterwards: {free}")
    return observation(("released", released)), detail


@scenario("sync.rlock-non-owner-release")
def rlock_non_owner_release(ctx, params):
    rlock = ctx.mp.RLock()
    a, b = ctx.mp.Pipe()
    p = ctx.start(_acquire_report_wait_release, (rlock, b, ctx.child_block_seconds))
    b.close()
    try:
        ctx.recv(a, p, "the child's 'held'")
        raised, kind, how = _attempt(rlock.release)
        a.send("done")
    finally:
        a.close()
    ctx.join(p, "RLock owner")
    detail = f"child holds the RLock; parent release(): {how}; child exitcode {p.exitcode!r}"
    return observation(("refused", raised)), detail


@scenario("sync.bounded-semaphore-over-release")
def bounded_semaphore_over_release(ctx, params):
    sem = ctx.mp.BoundedSemaphore(2)
    sem.acquire()
    sem.release()
    raised, kind, how = _attempt(sem.release)
    return observation(("refused", raised)), f"BoundedSemaphore(2): acquire, release, then one release too many: {how}"


@scenario("sync.event-wakes-child")
def event_wakes_child(ctx, params):
    event = ctx.mp.Event()
    a, b = ctx.mp.Pipe()
    p = ctx.start(_wait_event, (event, b, ctx.child_block_seconds))
    b.close()
    try:
        ctx.recv(a, p, "the child's 'waiting'")
        event.set()
        woken = ctx.recv(a, p, "the child's wait() result")
    finally:
        a.close()
    ctx.join(p, "waiting child")
    return observation(("woken", woken)), f"child's Event.wait returned {woken!r} after set(); exitcode {p.exitcode!r}"


@scenario("sync.condition-notify")
def condition_notify(ctx, params):
    cond = ctx.mp.Condition()
    a, b = ctx.mp.Pipe()
    p = ctx.start(_wait_condition, (cond, b, ctx.child_block_seconds))
    b.close()
    try:
        ctx.recv(a, p, "the child's 'waiting'")
        # notify() waits (without a timeout) for the woken sleeper's acknowledgement, so the
        # lock is taken with a bound and the child is known to be inside wait().
        if not cond.acquire(timeout=ctx.remaining()):
            raise Hang("the condition's lock was never free")
        try:
            cond.notify()
        finally:
            cond.release()
        notified = ctx.recv(a, p, "the child's wait() result")
    finally:
        a.close()
    ctx.join(p, "waiting child")
    return (observation(("notified", notified)),
            f"child's Condition.wait returned {notified!r} after notify(); exitcode {p.exitcode!r}")


def _barrier_run(ctx, parties, timeouts):
    barrier = ctx.mp.Barrier(parties)
    ends = []
    try:
        for timeout in timeouts:
            a, b = ctx.mp.Pipe(duplex=False)
            p = ctx.start(_barrier_party, (barrier, b, timeout))
            b.close()
            ends.append((a, p))
        results = [ctx.recv(a, p, "a barrier party's result") for a, p in ends]
    finally:
        for a, _ in ends:
            a.close()
    for _, p in ends:
        ctx.join(p, "barrier party")
    return barrier, results


@scenario("sync.barrier-indices")
def barrier_indices(ctx, params):
    _, results = _barrier_run(ctx, 3, [ctx.child_block_seconds] * 3)
    indices = sorted(value for kind, value in results if kind == "index")
    text = ",".join(str(i) for i in indices) if len(indices) == 3 else "incomplete"
    return observation(("indices", text)), f"three processes at Barrier(3): {results}"


@scenario("sync.barrier-timeout-breaks")
def barrier_timeout_breaks(ctx, params):
    # Two of three parties arrive; the first gives up after 0.5 s, which breaks the barrier for
    # the other one (threading.Barrier semantics, shared across processes).
    barrier, results = _barrier_run(ctx, 3, [0.5, ctx.child_block_seconds])
    broken = all(kind == "broken" for kind, _ in results)
    return (observation(("broken", broken)),
            f"Barrier(3), two parties (wait(0.5), wait(long)): {results}; barrier.broken {barrier.broken}")


@scenario("sync.killed-holder-keeps-lock")
def killed_holder_keeps_lock(ctx, params):
    lock = ctx.mp.Lock()
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_acquire_report_block, (lock, w, ctx.child_block_seconds))
    w.close()
    try:
        ctx.recv(r, p, "the child's 'held'")
    finally:
        r.close()
    os.kill(p.pid, signal.SIGKILL)
    ctx.join(p, "SIGKILLed holder", cap=10.0)
    acquired = lock.acquire(timeout=0.2)
    if acquired:
        lock.release()
    return (observation(("acquired", acquired)),
            f"holder SIGKILLed (exitcode {p.exitcode!r}); parent acquire(timeout=0.2): {acquired}")


@scenario("sync.cooperative-shutdown-event")
def cooperative_shutdown_event(ctx, params):
    marker = ctx.temp_path("finally-marker")
    stop = ctx.mp.Event()
    lock = ctx.mp.Lock()
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_work_until_stopped, (stop, lock, w, marker, ctx.child_block_seconds))
    w.close()
    try:
        ctx.recv(r, p, "the child's 'running'")
    finally:
        r.close()
    stop.set()
    ctx.join(p, "child asked to stop", cap=10.0)
    ran = os.path.exists(marker)
    free = lock.acquire(timeout=0.5)
    if free:
        lock.release()
    detail = (f"stop.set() while the child works under the lock; exitcode {p.exitcode!r} (4: its loop timed out); "
              f"marker {ran}")
    return observation(("finally_ran", ran), ("lock_free", free)), detail
