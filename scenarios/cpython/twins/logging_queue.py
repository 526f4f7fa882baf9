"""Logging twins (seed 59.25 "Logging": records sent through a queue to a single listener).

Workers log through logging.handlers.QueueHandler onto one multiprocessing queue; the parent's
logging.handlers.QueueListener hands each record to a handler that keeps what it carried.
"""

import logging
import logging.handlers

from ._common import observation, require_int, scenario

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
