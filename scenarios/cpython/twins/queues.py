"""Queue twins (seed 59.12 "Queues"; CPython's multiprocessing/queues.py, and the lab notes
"multiprocessing-internals.md" section 3).

A Queue is a one-way pipe, two locks and a BoundedSemaphore(maxsize). put() only appends to a
local buffer; a daemon *feeder thread* pickles and writes the item later, and a process that put
items does not exit until the feeder has flushed them into the pipe. get(timeout) bounds only the
wait for the *first byte* of a message, not the read of the rest of it.
"""

import os
import queue
import signal
import sys
import threading
import time

from ._common import Hang, block, observation, require_int, scenario

ONE_MIB = 1024 * 1024
BIG_ITEM_BYTES = 64 * ONE_MIB


def _raised_name(e):
    if isinstance(e, queue.Empty):
        return "empty"
    if isinstance(e, queue.Full):
        return "full"
    if isinstance(e, ValueError):
        return "closed" if "is closed" in str(e) else "value_error"
    return type(e).__name__


def _raised(call):
    """('none', detail) or (canonical name of what ``call`` raised, detail)."""
    try:
        result = call()
    except Exception as e:
        return _raised_name(e), f"{type(e).__name__}: {e}"
    return "none", f"returned {result!r}"


def _close_queue(q):
    """close + join_thread: the feeder (if one was started) flushes and exits now, not at exit."""
    try:
        q.close()
        q.join_thread()
    except Exception:
        pass


def _produce(q, producer, items):
    for i in range(items):
        q.put((producer, i))
    # The process exits only after its feeder flushed every item (queues.py _finalize_join).


def _put_and_return(q, size):
    q.put(b"x" * size)


def _put_big_announce_block(q, conn, size, seconds):
    q.put(b"x" * size)
    # put() has returned: the item is in this process's buffer and the feeder thread is writing it.
    conn.send("put")
    conn.close()
    block(seconds)


@scenario("queues.fifo-per-producer", defaults={"producers": 3, "items": 200})
def fifo_per_producer(ctx, params):
    producers = require_int(params, "producers", 1, 8)
    items = require_int(params, "items", 0, 10000)
    q = ctx.mp.Queue()
    procs = [ctx.start(_produce, (q, n, items)) for n in range(producers)]
    got = []
    try:
        # Drain before joining: a producer exits only when its feeder has flushed (see the
        # join-deadlock-hazard twin).
        for _ in range(producers * items):
            try:
                got.append(tuple(q.get(timeout=ctx.remaining())))
            except queue.Empty:
                raise Hang(f"the queue delivered {len(got)} of {producers * items} items before the run's deadline")
        for p in procs:
            ctx.join(p, "producer")
    finally:
        _close_queue(q)
    expected = sorted((n, i) for n in range(producers) for i in range(items))
    delivered_all = sorted(got) == expected
    fifo = all([i for (n, i) in got if n == producer] == list(range(items)) for producer in range(producers))
    codes = [p.exitcode for p in procs]
    detail = f"{producers} producers x {items} items, {len(got)} received; producer exit codes {codes}"
    return observation(("delivered_all", delivered_all), ("fifo_per_producer", fifo)), detail


@scenario("queues.get-timeout-empty")
def get_timeout_empty(ctx, params):
    q = ctx.mp.Queue()
    try:
        t0 = time.monotonic()
        raised, how = _raised(lambda: q.get(timeout=0.1))
        waited = time.monotonic() - t0
    finally:
        _close_queue(q)
    return observation(("raised", raised)), f"get(timeout=0.1) on an empty queue: {how} after {waited:.3f} s"


@scenario("queues.put-timeout-full")
def put_timeout_full(ctx, params):
    q = ctx.mp.Queue(maxsize=1)
    try:
        q.put(1)
        t0 = time.monotonic()
        raised, how = _raised(lambda: q.put(2, timeout=0.1))
        waited = time.monotonic() - t0
        q.get(timeout=ctx.remaining(5.0))  # leave the pipe empty
    finally:
        _close_queue(q)
    return observation(("raised", raised)), f"maxsize 1, one item in; put(timeout=0.1): {how} after {waited:.3f} s"


@scenario("queues.closed-queue-put")
def closed_queue_put(ctx, params):
    q = ctx.mp.Queue()
    q.close()
    raised, how = _raised(lambda: q.put(1))
    _close_queue(q)
    return observation(("raised", raised)), f"put after close(): {how}"


@scenario("queues.task-done-too-many")
def task_done_too_many(ctx, params):
    q = ctx.mp.JoinableQueue()
    try:
        q.put(1)
        q.get(timeout=ctx.remaining(5.0))
        q.task_done()
        raised, how = _raised(q.task_done)
    finally:
        _close_queue(q)
    return observation(("raised", raised)), f"put, get, task_done, then a second task_done: {how}"


@scenario("queues.join-deadlock-hazard")
def join_deadlock_hazard(ctx, params):
    q = ctx.mp.Queue()
    p = ctx.start(_put_and_return, (q, ONE_MIB))
    try:
        # The child's target has returned long before this, but its feeder cannot flush 1 MiB
        # into a ~64 KiB pipe nobody reads, and the child joins its feeder before exiting.
        p.join(ctx.remaining(1.0))
        joined_before = not p.is_alive()
        try:
            item = q.get(timeout=ctx.remaining())
        except queue.Empty:
            raise Hang("the 1 MiB item never arrived")
        p.join(ctx.remaining())
        joined_after = not p.is_alive()
    finally:
        _close_queue(q)
    before = "exited" if joined_before else "still alive"
    after = "exited" if joined_after else "still alive"
    detail = (f"join(1 s) before draining: child {before}; got {len(item)} bytes; "
              f"join after draining: child {after} (exitcode {p.exitcode!r})")
    return observation(("joined_before_drain", joined_before), ("joined_after_drain", joined_after)), detail


def _get_in_thread(q, timeout, box):
    try:
        box["item"] = q.get(timeout=timeout)
    except BaseException as e:
        box["error"] = e


@scenario("queues.killed-mid-put")
def killed_mid_put(ctx, params):
    """outcome: item (the whole item came back), garbage (something else came back), empty
    (queue.Empty), broken (an error that says the stream is broken: EOF in a message, bad
    pickle), blocked (get(timeout=5) had not returned 2 s after its timeout)."""
    q = ctx.mp.Queue()
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_put_big_announce_block, (q, w, BIG_ITEM_BYTES, ctx.child_block_seconds))
    w.close()
    try:
        ctx.recv(r, p, "the child's 'put' announcement")
        # Kill in the middle of the frame: once its first bytes are readable (Queue.empty() is a
        # poll of the reader), the feeder is blocked writing the rest into the full pipe.
        deadline = time.monotonic() + ctx.remaining()
        while q.empty():
            if time.monotonic() >= deadline:
                raise Hang("the item's first bytes never reached the queue's pipe")
            time.sleep(0.002)
        os.kill(p.pid, signal.SIGKILL)
        ctx.join(p, "SIGKILLed producer", cap=10.0)
        box = {}
        t = threading.Thread(target=_get_in_thread, args=(q, 5.0, box), name="lab-get")
        t.daemon = True
        t.start()
        t.join(ctx.remaining(5.0 + 2.0))
        blocked = t.is_alive()
        if blocked:
            # The parent still holds the queue's own write end (it created the queue), so the
            # reader never sees EOF: get() blocks forever in the middle of the frame. Closing our
            # write end lets the stuck reader fail, so the thread ends and nothing is left.
            q._writer.close()
            t.join(ctx.remaining(10.0))
    finally:
        r.close()
    if blocked:
        outcome = "blocked"
        how = "still blocked 7 s later (in the middle of the frame; EOF never comes)"
        if "error" in box:
            late = box["error"]
            how += f"; after closing the parent's write end it raised {type(late).__name__}: {late}"
    elif "error" in box:
        e = box["error"]
        outcome = "empty" if isinstance(e, queue.Empty) else "broken"
        how = f"{type(e).__name__}: {e}"
    else:
        item = box.get("item")
        outcome = "item" if item == b"x" * BIG_ITEM_BYTES else "garbage"
        how = f"returned {len(item)} bytes" if isinstance(item, bytes) else f"returned {type(item).__name__}"
    try:
        q.cancel_join_thread()
        q.close()
    except Exception:
        pass
    detail = (f"producer SIGKILLed (exitcode {p.exitcode!r}) while its feeder wrote a {BIG_ITEM_BYTES}-byte item; "
              f"get(timeout=5): {how}")
    return observation(("outcome", outcome)), detail
