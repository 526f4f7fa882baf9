"""ProcessPoolExecutor twins (CPython Lib/concurrent/futures/process.py and _base.py are the reference; seeds 59.32).

Every executor is made with ``mp_context=ctx.mp`` (the case's start method) and shut down in ``finally``
after its blocked workers are released, so no twin leaves a worker behind; every wait carries the run's
deadline. ``max_tasks_per_child`` arrived in 3.11: on older versions the twin observes that it is unsupported.
"""

import concurrent.futures
import contextlib
import os
import signal
import time

from ._common import Hang, observation, require_int, scenario
from .executor_functions import block, keep_events, start_then_sleep
from .pool import _outcome, _refusal
from .pool_functions import getpid, raise13, square

SHUTDOWN_TEXT = "cannot schedule new futures after shutdown"


def _make(ctx, workers, **kw):
    ex = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx.mp, **kw)
    if not hasattr(ex, "_adjust_process_count"):
        # PyPy 7.3.11 (Debian's pypy3, Python 3.9): submit() calls self._adjust_process_count(), which its
        # process.py renamed to _adjust_process_count_cpython, so every submit raises AttributeError under spawn and
        # forkserver. Its fork path (_launch_processes: all workers at the first submit) works under every method.
        ex._safe_to_dynamically_spawn_children = False
    return ex


@contextlib.contextmanager
def _executor(ctx, workers, **kw):
    ex = _make(ctx, workers, **kw)
    try:
        yield ex
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _blocking_executor(ctx, workers):
    """An executor whose workers run ``block``: yields (executor, started, release); releases them on exit."""
    started, release = ctx.mp.Event(), ctx.mp.Event()
    with _executor(ctx, workers, initializer=keep_events, initargs=(started, release)) as ex:
        try:
            yield ex, started, release
        finally:
            release.set()


def _busy_then_queue(ctx, ex, started, target, value, queued):
    """Submits ``target(value)`` to the one worker, waits until it runs, then queues square(1..queued):
    returns (the running future, the queued ones)."""
    running = ex.submit(target, value)
    if not started.wait(ctx.remaining()):
        raise Hang("the blocking task never started")
    return running, [ex.submit(square, i) for i in range(1, queued + 1)]


def _result(ctx, future, what):
    try:
        return future.result(ctx.remaining())
    except concurrent.futures.TimeoutError:
        raise Hang(f"{what}: no result within the run's deadline")


def _kind(e):
    if isinstance(e, concurrent.futures.process.BrokenProcessPool):
        return "broken_pool"
    if isinstance(e, ValueError):
        return "value_error"
    return type(e).__name__


@scenario("executor.map-order", defaults={"n": 30, "workers": 2})
def map_order(ctx, params):
    n = require_int(params, "n", 14, 1000)
    workers = require_int(params, "workers", 1, 4)
    pairs = []
    with _executor(ctx, workers) as ex:
        for size in (1, 4, 100):
            got = list(ex.map(square, range(n), chunksize=size, timeout=ctx.remaining()))
            pairs.append((f"chunksize_{size}", got == [x * x for x in range(n)]))
        consumed = []

        def source():
            for x in range(n):
                consumed.append(x)
                yield x

        results = ex.map(raise13, source(), timeout=ctx.remaining())
        read_at_call = len(consumed) == n
        yielded, raised = [], "none"
        try:
            for value in results:
                yielded.append(value)
        except Exception as e:
            raised = _kind(e)
    pairs += [("input_read_at_call", read_at_call), ("yielded_before_error", len(yielded)), ("raised", raised)]
    return observation(*pairs), f"map(raise13, range({n})) yielded {yielded} then raised {raised}"


@scenario("executor.task-exception")
def task_exception(ctx, params):
    with _executor(ctx, 1) as ex:
        future = ex.submit(raise13, 13)
        raised, message, remote = _outcome(lambda: _result(ctx, future, "submit(raise13, 13)"), _kind, "_RemoteTraceback")
    return (observation(("raised", raised), ("message", message), ("remote_traceback", remote)),
            "process.py attaches the worker's traceback as __cause__ (_RemoteTraceback)")


@scenario("executor.cancel-before-start", defaults={"queued": 9, "cancel": 3})
def cancel_before_start(ctx, params):
    queued = require_int(params, "queued", 4, 50)
    cancel = require_int(params, "cancel", 1, queued - 3)
    with _blocking_executor(ctx, 1) as (ex, started, release):
        running, futures = _busy_then_queue(ctx, ex, started, block, 0, queued)
        running_cancel = running.cancel()
        pending_cancel = [f.cancel() for f in futures[-cancel:]]
        release.set()
        results = [_result(ctx, f, "a queued task") for f in [running] + futures[:-cancel]]
        cancelled = sum(1 for f in futures if f.cancelled())
    return (observation(("running_cancel", running_cancel), ("pending_cancel", all(pending_cancel)), ("cancelled", cancelled),
                        ("results", ",".join(str(r) for r in results))),
            f"one worker busy; the last {cancel} of {queued} queued futures cancelled")


@scenario("executor.shutdown-cancel-futures", defaults={"queued": 9})
def shutdown_cancel_futures(ctx, params):
    queued = require_int(params, "queued", 4, 50)
    with _blocking_executor(ctx, 1) as (ex, started, release):
        running, futures = _busy_then_queue(ctx, ex, started, block, 7, queued)
        ex.shutdown(wait=False, cancel_futures=True)
        after = _refusal(lambda: ex.submit(square, 1))
        release.set()
        # A second shutdown(wait=True) would not wait (the first let go of the manager thread), and wait() never
        # counts a future that cancel() left CANCELLED (only CANCELLED_AND_NOTIFIED, _base.py): poll done().
        while not all(f.done() for f in [running] + futures):
            if ctx.remaining() <= 0:
                raise Hang("futures still pending after shutdown(cancel_futures=True)")
            time.sleep(0.005)
        running_result = running.result(0)
        first = futures[0].cancelled() or futures[0].result(0) == 1
    return (observation(("submit_after", after), ("running_result", running_result), ("last_cancelled", futures[-1].cancelled()),
                        ("first_queued_ended", first)),
            f"cancelled: {sum(1 for f in futures if f.cancelled())} of {queued}")


@scenario("executor.worker-killed", defaults={"queued": 4})
def worker_killed(ctx, params):
    queued = require_int(params, "queued", 1, 50)
    with _blocking_executor(ctx, 1) as (ex, started, release):
        running, futures = _busy_then_queue(ctx, ex, started, start_then_sleep, 0, queued)
        victim = list(ex._processes)[0]
        os.kill(victim, signal.SIGKILL)
        kinds = set()
        for f in [running] + futures:
            try:
                _result(ctx, f, "a future of the killed worker's executor")
                kinds.add("none")
            except Hang:
                raise
            except Exception as e:
                kinds.add(_kind(e))
        try:
            ex.submit(square, 1)
            after = "accepted"
        except Exception as e:
            after = _kind(e)
    return (observation(("futures_raised", ",".join(sorted(kinds))), ("submit_after", after)),
            f"worker {victim} SIGKILLed while its task ran")


@scenario("executor.max-tasks-per-child", defaults={"limit": 2, "tasks": 6})
def max_tasks_per_child(ctx, params):
    limit = require_int(params, "limit", 1, 100)
    tasks = require_int(params, "tasks", 1, 100)
    try:
        ex = _make(ctx, 1, max_tasks_per_child=limit)
    except TypeError:
        return observation(("max_tasks_per_child", "unsupported")), "max_tasks_per_child arrived in Python 3.11"
    except ValueError as e:
        return observation(("max_tasks_per_child", "refused_with_fork")), f"process.py: {e}"
    try:
        pids = [_result(ctx, ex.submit(getpid, i), f"submit {i}") for i in range(tasks)]
    finally:
        ex.shutdown(wait=True)
    order = []
    for pid in pids:
        if pid not in order:
            order.append(pid)
    return (observation(("distinct_pids", len(order)), ("pattern", ",".join(str(order.index(p)) for p in pids))),
            f"pids {pids}")


@scenario("executor.lambda-refused")
def lambda_refused(ctx, params):
    with _executor(ctx, 1) as ex:
        at = "none"
        try:
            future = ex.submit(lambda x: x + 1, 1)
            try:
                _result(ctx, future, "submit(lambda)")
            except Hang:
                raise
            except Exception:
                at = "result"
        except Exception:
            at = "submit"
        usable = _result(ctx, ex.submit(square, 3), "square after the lambda") == 9
    return observation(("refused", at != "none"), ("raised_at", at), ("usable_after", usable)), "the call item cannot be pickled"
