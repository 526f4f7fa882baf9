"""Shared-memory twins (seeds 59.16 "Shared Values and Arrays", 59.17 "Shared Memory";
CPython's multiprocessing/shared_memory.py and sharedctypes.py).

SharedMemory blocks are POSIX shared memory objects (/dev/shm/<name> on Linux): create, attach by
name, close, unlink, with CPython's errors (ValueError for size 0, FileNotFoundError for a
missing name or a second unlink, FileExistsError for an existing name). Value('i') has a lock
by default; lock=False gives a raw shared int whose `+= 1` can lose updates. A block whose
creator was killed stays in /dev/shm until someone unlinks it; CPython's resource tracker does
so only when the tracker itself ends (when the last process using it has exited).

Hygiene: every name a twin creates is chosen by the twin (``lab-<pid>-<n>``) and unlinked by
the twin, whatever happens; the driver's run also stops the resource tracker afterwards.
"""

import os
import sys
import threading
import time
from multiprocessing import shared_memory

from ._common import block, observation, scenario

DEV_SHM = "/dev/shm"
_counter = [0]


def _fresh_name():
    _counter[0] += 1
    return f"lab-{os.getpid()}-{int(time.monotonic() * 1e6) % 10 ** 9}-{_counter[0]}"


def _entry_exists(name):
    return os.path.exists(os.path.join(DEV_SHM, name))


def _unlink_name(name):
    """Unlink ``name`` if it exists (through CPython's own API, which also unregisters it from
    the resource tracker). True if it was there."""
    try:
        shm = shared_memory.SharedMemory(name=name)
    except FileNotFoundError:
        return False
    try:
        shm.unlink()
    except FileNotFoundError:
        return False
    finally:
        shm.close()
    return True


def _raised_name(e):
    if isinstance(e, FileNotFoundError):
        return "not_found"
    if isinstance(e, FileExistsError):
        return "exists"
    if isinstance(e, ValueError):
        return "value_error"
    return type(e).__name__


def _raised(call):
    try:
        result = call()
    except Exception as e:
        return _raised_name(e), f"{type(e).__name__}: {e}", None
    return "none", f"returned {result!r}", result


def _release(shm):
    """close + unlink a block the twin created by mistake (an expected error that did not come)."""
    if isinstance(shm, shared_memory.SharedMemory):
        shm.close()
        try:
            shm.unlink()
        except FileNotFoundError:
            pass


@scenario("shared-memory.size-zero-refused")
def size_zero_refused(ctx, params):
    name = _fresh_name()
    raised, how, made = _raised(lambda: shared_memory.SharedMemory(name=name, create=True, size=0))
    _release(made)
    return observation(("raised", raised)), f"SharedMemory(create=True, size=0): {how}"


@scenario("shared-memory.attach-missing")
def attach_missing(ctx, params):
    name = _fresh_name()
    raised, how, made = _raised(lambda: shared_memory.SharedMemory(name=name))
    _release(made)
    return observation(("raised", raised)), f"SharedMemory(name={name!r}) with no such block: {how}"


@scenario("shared-memory.create-existing")
def create_existing(ctx, params):
    name = _fresh_name()
    first = shared_memory.SharedMemory(name=name, create=True, size=16)
    try:
        raised, how, made = _raised(lambda: shared_memory.SharedMemory(name=name, create=True, size=16))
        if made is not None:
            made.close()
    finally:
        first.close()
        first.unlink()
    return observation(("raised", raised)), f"a second SharedMemory(name, create=True): {how}"


@scenario("shared-memory.unlink-twice")
def unlink_twice(ctx, params):
    name = _fresh_name()
    shm = shared_memory.SharedMemory(name=name, create=True, size=16)
    shm.close()
    shm.unlink()
    raised, how, _ = _raised(shm.unlink)
    left = _unlink_name(name)
    return observation(("raised", raised)), f'second unlink(): {how}{"; the name was still there" if left else ""}'


PAYLOAD = b"written by the child"
OFFSET = 100


def _attach_and_write(name, offset, payload):
    shm = shared_memory.SharedMemory(name=name)
    try:
        shm.buf[offset:offset + len(payload)] = payload
    finally:
        shm.close()


@scenario("shared-memory.child-writes-visible")
def child_writes_visible(ctx, params):
    shm = shared_memory.SharedMemory(name=_fresh_name(), create=True, size=4096)
    try:
        p = ctx.start(_attach_and_write, (shm.name, OFFSET, PAYLOAD))
        ctx.join(p, "writing child")
        seen = bytes(shm.buf[OFFSET:OFFSET + len(PAYLOAD)])
    finally:
        shm.close()
        shm.unlink()
    detail = (f"child attached {shm.name!r} by name and wrote {len(PAYLOAD)} bytes at offset {OFFSET} "
              f"(exitcode {p.exitcode!r}); parent read {seen!r}")
    return observation(("visible", seen == PAYLOAD)), detail


CHILDREN = 4
INCREMENTS = 1000


def _increment(value, gate, n, locked, seconds):
    # All children start incrementing together (a barrier of the children), so that they overlap.
    try:
        gate.wait(seconds)
    except threading.BrokenBarrierError:
        sys.exit(4)
    if locked:
        for _ in range(n):
            with value.get_lock():
                value.value += 1
    else:
        for _ in range(n):
            value.value += 1


def _counter_run(ctx, locked):
    value = ctx.mp.Value("i", 0) if locked else ctx.mp.Value("i", 0, lock=False)
    gate = ctx.mp.Barrier(CHILDREN)
    procs = [ctx.start(_increment, (value, gate, INCREMENTS, locked, ctx.child_block_seconds)) for _ in range(CHILDREN)]
    for p in procs:
        ctx.join(p, "incrementing child")
    codes = [p.exitcode for p in procs]
    how = "Value('i') under get_lock()" if locked else "Value('i', lock=False), no lock"
    return value.value, (f"{CHILDREN} children x {INCREMENTS} increments of {how}, started together at a "
                         f"Barrier({CHILDREN}); exit codes {codes}")


@scenario("shared-memory.locked-counter")
def locked_counter(ctx, params):
    total, detail = _counter_run(ctx, True)
    return observation(("total", total)), detail


@scenario("shared-memory.unlocked-counter")
def unlocked_counter(ctx, params):
    total, detail = _counter_run(ctx, False)
    return observation(("total", total)), detail + f"; {CHILDREN * INCREMENTS - total} updates lost"


def _create_report_block(name, conn, seconds):
    shm = shared_memory.SharedMemory(name=name, create=True, size=4096)
    shm.buf[0:5] = b"owner"
    conn.send("created")
    conn.close()
    block(seconds)  # SIGKILLed here: no close(), no unlink()


GRACE_SECONDS = 1.0


@scenario("shared-memory.killed-owner-entry")
def killed_owner_entry(ctx, params):
    import signal
    name = _fresh_name()
    mark = ctx.stderr_mark()
    r, w = ctx.mp.Pipe(duplex=False)
    try:
        p = ctx.start(_create_report_block, (name, w, ctx.child_block_seconds))
        w.close()
        try:
            ctx.recv(r, p, "the child's 'created'")
        finally:
            r.close()
        existed = _entry_exists(name)
        os.kill(p.pid, signal.SIGKILL)
        ctx.join(p, "SIGKILLed owner", cap=10.0)
        # Give a cleaner (a tracker watching the owner) a moment: the entry counts as left only
        # if it is still there GRACE_SECONDS after the owner was reaped.
        deadline = time.monotonic() + GRACE_SECONDS
        while _entry_exists(name) and time.monotonic() < deadline:
            time.sleep(0.02)
        left = _entry_exists(name)
    finally:
        removed = _unlink_name(name)
    err = ctx.stderr_since(mark) or ""
    # Under fork the parent had no resource tracker yet, so the child started its own; that
    # tracker saw its only client die and unlinked the block, with a warning on stderr.
    warned = "leaked shared_memory" in err
    state = "still there" if left else "gone"
    action = "unlinked" if removed else "found nothing to unlink of"
    detail = (f"child created /dev/shm/{name} (seen before the kill: {existed}), SIGKILLed (exitcode {p.exitcode!r}); "
              f"{GRACE_SECONDS:.1f} s later the entry was {state}; the twin then {action} it")
    if warned:
        line = [l for l in err.splitlines() if "leaked shared_memory" in l and "warn(" not in l]
        detail += "; a resource tracker warned: " + (line[0].strip() if line else "leaked shared_memory objects")
    return observation(("entry_left_while_parent_alive", left)), detail
