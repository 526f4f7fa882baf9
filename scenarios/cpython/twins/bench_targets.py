"""Child targets of the IPC benchmarks in ../bench.py (issue #4, section 7).

They live in the twins package so that spawn and forkserver children can import them by
qualified name (seed 59.9). Importing this module registers no scenario.

Every child follows the same protocol as its engine twin in
scenarios/Lab.Scenarios/Benchmarks/: it says ``"ready"`` once on its control connection (so
that its start-up is never inside a timed sample), then runs one batch per ``go`` message from
the parent until it has run ``rounds`` batches. Every wait is bounded by ``block`` seconds; a
child that waits that long gives up and exits 3 (its parent has failed or is gone).
"""

import sys


def _await_go(ctl, block):
    if not ctl.poll(block):
        sys.exit(3)
    ctl.recv()


def queue_producer(q, ctl, messages, rounds, block):
    """Puts ``messages`` small ints on ``q`` per batch, then flushes its feeder before exiting."""
    ctl.send("ready")
    put = q.put
    for _ in range(rounds):
        _await_go(ctl, block)
        for i in range(messages):
            put(i)
    q.close()
    q.join_thread()


def pipe_sender(conn, ctl, messages, size, rounds, block):
    """Sends ``messages`` messages of ``size`` bytes per batch with send_bytes (one framed
    message each), always from the same buffer."""
    payload = bytes(bytearray(range(256)) * (size // 256)) + bytes(size % 256)
    ctl.send("ready")
    send = conn.send_bytes
    for _ in range(rounds):
        _await_go(ctl, block)
        for _ in range(messages):
            send(payload)
    conn.close()


def handoff_partner(ping, pong, total, block):
    """The other side of lock-handoff: releases ``pong`` once to say it is ready, then ``total``
    times waits for ``ping`` and releases ``pong``."""
    pong.release()
    for _ in range(total):
        if not ping.acquire(True, block):
            sys.exit(3)
        pong.release()


def trivial(x):
    """The task of the Pool benchmarks (bench.py, pool-chunksize): as little work as a task can do."""
    return x


def spin_cpu(task_us):
    """The task of task-size-speedup (bench.py): spins until this thread has run ``task_us`` µs of
    CPU time (time.thread_time_ns, CLOCK_THREAD_CPUTIME_ID, as the engine's TaskSizeTargets.SpinCpu),
    so the work is the same in every language however fast its loop is. Returns ``task_us``."""
    import time
    clock = time.thread_time_ns
    end = clock() + task_us * 1000
    while clock() < end:
        pass
    return task_us


def touch_bytes(data):
    """argument-size-crossover, mode=channel: the argument arrived whole (its length plus its last byte)."""
    return len(data) + data[-1]


def touch_shared(arg):
    """argument-size-crossover, mode=shared-memory: attaches the block ``arg = (name, size)``, reads
    its last byte, closes it (never unlinks: the parent owns it). CPython 3.8 to 3.12 registers an
    attached block with the resource tracker, which the parent shares; its unlink unregisters it."""
    from multiprocessing import shared_memory
    name, size = arg
    shm = shared_memory.SharedMemory(name=name)
    try:
        last = shm.buf[size - 1]
    finally:
        shm.close()
    return size + last


def cow_reader(data, block, ctl):
    """cow-memory (bench.py), mode=argument: reads one byte per page of ``data`` (inherited
    copy-on-write under fork, unpickled under spawn and forkserver), says how much it read, then
    waits for the parent's "go" while the parent reads its /proc/PID/smaps_rollup."""
    total = 0
    for i in range(0, len(data), 4096):
        total += data[i]
    ctl.send(total)
    _await_go(ctl, block)


def cow_shared_reader(name, block, ctl):
    """cow-memory, mode=shared-memory: the same through a SharedMemory block attached by name
    (closed, never unlinked: the parent owns it)."""
    from multiprocessing import shared_memory
    shm = shared_memory.SharedMemory(name=name)
    try:
        buf = shm.buf
        total = 0
        for i in range(0, shm.size, 4096):
            total += buf[i]
        del buf
        ctl.send(total)
        _await_go(ctl, block)
    finally:
        shm.close()
