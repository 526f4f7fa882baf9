"""Logging twins (seed 59.25 "Logging": records sent through a queue to a single listener).

Workers log through logging.handlers.QueueHandler onto one multiprocessing queue; the parent's
logging.handlers.QueueListener hands each record to a handler that keeps what it carried.
"""

import array
import fcntl
import logging
import logging.handlers
import os
import signal
import termios
import threading
import time

from ._common import Hang, block, observation, require_choice, require_int, scenario

CATEGORY = "lab.worker"


def _log_records(queue, worker, count):
    logger = logging.getLogger(CATEGORY)
    logger.handlers[:] = [logging.handlers.QueueHandler(queue)]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for i in range(count):
        logger.info("worker %d record %d", worker, i, extra={"worker": worker, "index": i})
    # The queue's feeder thread flushes at exit (multiprocessing's queue joins it in the child's finalizers).


class _Keeper(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.records = []

    def emit(self, record):
        self.records.append((record.name, record.getMessage(), getattr(record, "worker", None), getattr(record, "index", None)))


@scenario("logging.queue-records-whole", defaults={"workers": 4, "records": 50})
def queue_records_whole(ctx, params):
    workers = require_int(params, "workers", 1, 16)
    records = require_int(params, "records", 1, 10000)
    queue = ctx.mp.Queue()
    keeper = _Keeper()
    listener = logging.handlers.QueueListener(queue, keeper)
    listener.start()
    try:
        children = [ctx.start(_log_records, (queue, w, records)) for w in range(workers)]
        for p in children:
            code = ctx.join(p, "a logging worker")
            if code != 0:
                return observation(("worker_exitcode", code)), f"worker pid {p.pid} failed"
    finally:
        listener.stop()
        queue.close()
        queue.join_thread()
    mine = [r for r in keeper.records if r[0] == CATEGORY]
    whole = sum(1 for _, message, w, i in mine if isinstance(w, int) and isinstance(i, int) and message == f"worker {w} record {i}")
    in_order = all([i for _, _, w2, i in mine if w2 == w] == list(range(records)) for w in range(workers))
    return (observation(("records", len(mine)), ("whole", whole), ("per_worker_order", in_order)),
            f"{len(mine)} records forwarded")


# --- logging.killed-mid-record ---------------------------------------------------------------

VICTIM = -1          # the victim's worker number in its records
MARKER_INDEX = -1    # the victim's first, small record: "victim started"
VICTIM_LARGE = 4     # large records the victim logs (between-records: all of them, then it flushes)
STALL_GRACE = 2.0    # s the listener is given to end (the engine's breaks within ~0.1 s) before it counts as stalled
SURVIVOR_GRACE = 4.0  # s the survivors are given to log their second half and exit


def _queue_logger(queue):
    logger = logging.getLogger(CATEGORY)
    logger.handlers[:] = [logging.handlers.QueueHandler(queue)]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def _survivor(queue, worker, records, go, seconds):
    logger = _queue_logger(queue)
    for i in range(records):
        logger.info("worker %d record %d", worker, i, extra={"worker": worker, "index": i})
    # The second half is logged after the victim was killed (the parent sets go then).
    deadline = time.monotonic() + seconds
    while not go.wait(0.1):
        if time.monotonic() >= deadline:
            return
    for i in range(records, 2 * records):
        logger.info("worker %d record %d", worker, i, extra={"worker": worker, "index": i})
    # At exit the queue's finalizer joins the feeder thread: the process ends once its records are in the pipe.


def _victim_message(i, size):
    return "victim started" if i == MARKER_INDEX else f"victim record {i} " + "x" * size


def _victim(queue, conn, kill, size, seconds):
    logger = _queue_logger(queue)
    logger.info("%s", _victim_message(MARKER_INDEX, size), extra={"worker": VICTIM, "index": MARKER_INDEX})
    for i in range(VICTIM_LARGE):
        logger.info("%s", _victim_message(i, size), extra={"worker": VICTIM, "index": i})
    if kill == "between-records":
        # Flushed: the feeder thread has written every record and ended, so no write lock is held when the kill comes.
        queue.close()
        queue.join_thread()
        conn.send("idle")
    # mid-write: the feeder is writing the first large record into a pipe that nobody reads (the parent's listener is
    # held in its handler), so it blocks there holding the queue's write lock until the SIGKILL.
    block(seconds)


class _GatedKeeper(_Keeper):
    """Keeps records; with ``gated``, holds the listener thread inside the handler of the victim's marker until
    ``gate`` is set, so the queue's pipe is not read while the victim writes its large record."""

    def __init__(self, gated, hold_seconds):
        _Keeper.__init__(self)
        self.gated = gated
        self.hold_seconds = hold_seconds
        self.paused = threading.Event()
        self.gate = threading.Event()

    def emit(self, record):
        _Keeper.emit(self, record)
        if self.gated and getattr(record, "worker", None) == VICTIM and getattr(record, "index", None) == MARKER_INDEX:
            self.paused.set()
            self.gate.wait(self.hold_seconds)

    def count(self, worker_filter):
        return sum(1 for r in list(self.records) if r[0] == CATEGORY and worker_filter(r[2]))


def _fionread(fd):
    count = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, count, True)
    return count[0]


def _wait_until(ctx, condition, what):
    deadline = time.monotonic() + ctx.remaining()
    while not condition():
        if time.monotonic() >= deadline:
            raise Hang(what)
        time.sleep(0.002)


@scenario("logging.killed-mid-record",
          defaults={"kill": "between-records", "workers": 2, "records": 20, "record_bytes": 1048576})
def killed_mid_record(ctx, params):
    """Survivors log half their records; a victim logs a marker and large records and is SIGKILLed either once its
    feeder has flushed (between-records) or while its feeder is blocked writing a large record into the full pipe
    (mid-write: the listener is held in the marker's handler meanwhile); then the survivors log their second half.
    listener: stopped (stop() returned), broken (the listener thread ended by itself), stalled (still running
    STALL_GRACE s after it was let go, not stopped: stop() would need the write lock too)."""
    kill = require_choice(params, "kill", ("between-records", "mid-write"))
    workers = require_int(params, "workers", 1, 8)
    records = require_int(params, "records", 1, 1000)
    size = require_int(params, "record_bytes", 1, 16 * 1048576)
    mid_write = kill == "mid-write"
    queue = ctx.mp.Queue()
    keeper = _GatedKeeper(mid_write, ctx.remaining())
    listener = logging.handlers.QueueListener(queue, keeper)
    listener.start()
    thread = listener._thread
    go = ctx.mp.Event()
    r, w = ctx.mp.Pipe(duplex=False)
    survivors, victim, stalled = [], None, False
    try:
        survivors = [ctx.start(_survivor, (queue, n, records, go, ctx.child_block_seconds)) for n in range(workers)]
        _wait_until(ctx, lambda: keeper.count(lambda n: n != VICTIM) >= workers * records,
                    "the survivors' first halves at the listener")
        victim = ctx.start(_victim, (queue, w, kill, size, ctx.child_block_seconds))
        w.close()
        if mid_write:
            _wait_until(ctx, keeper.paused.is_set, "the victim's first record at the listener")
            # More than a pipe's worth cannot fit: once body bytes are buffered, the feeder is blocked in this write.
            _wait_until(ctx, lambda: _fionread(queue._reader.fileno()) >= 16384, "the victim's large record in the pipe")
        else:
            ctx.recv(r, victim, "the victim's 'idle'")
        buffered = _fionread(queue._reader.fileno())
        os.kill(victim.pid, signal.SIGKILL)
        ctx.join(victim, "the SIGKILLed victim", cap=10.0)
        keeper.gate.set()
        if mid_write:
            # Whether the listener gets past the victim's half record decides what the survivors' records meet.
            thread.join(ctx.remaining(STALL_GRACE))
            stalled = thread.is_alive()
        go.set()
        deadline = time.monotonic() + ctx.remaining(SURVIVOR_GRACE)
        for p in survivors:
            p.join(max(0.0, deadline - time.monotonic()))
        codes = [p.exitcode for p in survivors]
        if any(c is None for c in codes):
            outcome = "blocked"
        elif all(c == 0 for c in codes):
            outcome = "exited"
        else:
            outcome = "failed"
        if stalled:
            state = "stalled"
        elif not thread.is_alive():
            state = "broken"
        else:
            stopper = threading.Thread(target=listener.stop, name="lab-listener-stop", daemon=True)
            stopper.start()
            stopper.join(ctx.remaining(10.0))
            state = "stop-hung" if stopper.is_alive() else "stopped"
    finally:
        keeper.gate.set()
        r.close()
        for p in survivors:
            if p.is_alive():
                p.kill()
            p.join(2.0)
        if thread.is_alive():
            # The parent created the queue and still holds its write end, so a listener stuck in the middle of the
            # victim's record never sees EOF; closing that end ends its read ("got end of file during message").
            queue._writer.close()
            thread.join(ctx.remaining(5.0))
        queue.cancel_join_thread()
        queue.close()
    mine = [x for x in keeper.records if x[0] == CATEGORY]
    theirs = [x for x in mine if x[2] != VICTIM]
    whole = all(isinstance(n, int) and isinstance(i, int) and message == f"worker {n} record {i}" for _, message, n, i in theirs)
    in_order = all([i for _, _, n2, i in theirs if n2 == n] == list(range(len([1 for x in theirs if x[2] == n]))) for n in range(workers))
    victim_whole = sum(1 for _, message, n, i in mine if n == VICTIM and isinstance(i, int) and message == _victim_message(i, size))
    detail = (f"victim SIGKILLed ({kill}; exitcode {victim.exitcode!r}) with {buffered} bytes in the pipe; "
              f"survivors' exit codes {codes} ({SURVIVOR_GRACE:.0f} s after go); listener {state}")
    return (observation(("listener", state), ("survivor_records", len(theirs)), ("whole", whole),
                        ("per_worker_order", in_order), ("victim_records", victim_whole), ("survivors", outcome)),
            detail)
