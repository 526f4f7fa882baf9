"""Pool twins (issue #6 §7; CPython Lib/multiprocessing/pool.py is the reference semantics).

Every pool is made through ``_pool`` and terminated in ``finally`` (what leaving ``with Pool()``
does): a broken CPython pool (a killed worker, a failing initializer) never finishes its work, and
only ``terminate()`` ends it. Every ``get`` carries a timeout, so no twin can hang the driver.

What the workers run (task functions, initializers, the forkserver children's targets) lives in
``pool_functions``: spawn/forkserver workers unpickle it by qualified name.
"""

import contextlib
import multiprocessing
import os
import signal
import threading
import time

from . import pool_functions
from ._common import Hang, ParamError, observation, require_choice, require_int, require_number, scenario
from .pool_functions import (FUNCTIONS, STAR_FUNCTIONS, add, announce_then_block, chunk_of_task, getpid, init_count,
                             init_fails, init_record, raise13, record_then_raise13, report_preloaded,
                             report_server_state, return_lock, square, sub)

# --- helpers ---------------------------------------------------------------------------------

@contextlib.contextmanager
def _pool(ctx, **kw):
    pool = ctx.mp.Pool(**kw)
    try:
        yield pool
    finally:
        pool.terminate()


def _int_list(params, key, lo, hi):
    value = params[key]
    if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi for v in value):
        raise ParamError(f"parameter {key!r} must be a list of integers in [{lo}, {hi}], got {value!r}")
    return value


def _chunksize(params, key="chunksize"):
    value = params[key]
    if value is None:
        return None
    return require_int(params, key, 1, 1 << 20)


def _error_kind(e):
    """The exception's kind in the lab's shared vocabulary (the engine maps its types to the same words)."""
    if isinstance(e, ValueError):
        return "value_error"
    if isinstance(e, multiprocessing.pool.MaybeEncodingError):
        return "serialization_error"
    return type(e).__name__


def _outcome(call, kind, cause):
    """Runs ``call``: ("none", "", False) if it returns, else (``kind(e)``, ``str(e)``, whether ``e.__cause__`` is
    of the type named ``cause``, the remote traceback). A Hang goes on up."""
    try:
        call()
        return "none", "", False
    except Hang:
        raise
    except Exception as e:
        return kind(e), str(e), type(e.__cause__).__name__ == cause


def _refusal(call):
    try:
        call()
    except Exception as e:
        return f"refused:{e}"
    return "accepted"


# --- scenarios -------------------------------------------------------------------------------

@scenario("pool.map-order", defaults={"n": 50, "processes": 2, "chunksizes": [1, 3, 100], "function": "square"})
def map_order(ctx, params):
    n = require_int(params, "n", 0, 100000)
    processes = require_int(params, "processes", 1, 8)
    sizes = _int_list(params, "chunksizes", 1, 1 << 20)
    if len(set(sizes)) != len(sizes):
        raise ParamError(f"parameter 'chunksizes' must not repeat a size (one observation key each), got {sizes!r}")
    func = FUNCTIONS[require_choice(params, "function", sorted(FUNCTIONS))]
    data = list(range(n))
    expected = [func(x) for x in data]
    pairs = []
    with _pool(ctx, processes=processes) as pool:
        for size in [None] + sizes:
            got = ctx.result(pool.map_async(func, data, size), f"map chunksize={size}")
            pairs.append((f'chunksize_{"default" if size is None else size}', got == expected))
    return observation(*pairs), f"map({func.__name__}, range({n})) on {processes} workers against the sequential map"


@scenario("pool.imap-unordered-permutation", defaults={"n": 40, "processes": 3, "chunksize": 1})
def imap_unordered_permutation(ctx, params):
    n = require_int(params, "n", 0, 100000)
    processes = require_int(params, "processes", 1, 8)
    size = require_int(params, "chunksize", 1, 1 << 20)
    data = list(range(n))
    with _pool(ctx, processes=processes) as pool:
        unordered = []
        it = pool.imap_unordered(square, data, size)
        for _ in data:
            unordered.append(it.next(ctx.remaining()))
        ordered = []
        it = pool.imap(square, data, size)
        for _ in data:
            ordered.append(it.next(ctx.remaining()))
    expected = [square(x) for x in data]
    return (observation(("imap_unordered_permutation", sorted(unordered) == sorted(expected)),
                        ("imap_in_order", ordered == expected)),
            f"imap_unordered order: {unordered[:12]}")


def _drain(it, next_item):
    """Every outcome of an imap iteration, in order: a result, or "!" where next() raised the task's ValueError.
    Stops at StopIteration, so an iterator that ends at its first error shows that too."""
    seen = []
    while True:
        try:
            seen.append(str(next_item(it)))
        except StopIteration:
            return seen
        except ValueError:
            seen.append("!")


def _bounded(ctx, what, body):
    """Runs body() on a daemon thread within the case's budget: with a chunksize above 1, imap returns a plain generator,
    whose next() takes no timeout."""
    box = {}

    def run():
        try:
            box["value"] = body()
        except BaseException as e:  # re-raised in the caller
            box["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(ctx.remaining())
    if thread.is_alive():
        raise Hang(f"{what}: not finished within the budget")
    if "error" in box:
        raise box["error"]
    return box["value"]


@scenario("pool.imap-continues-after-error", defaults={"n": 16, "processes": 2, "chunksize": 1})
def imap_continues_after_error(ctx, params):
    n = require_int(params, "n", 0, 10000)
    processes = require_int(params, "processes", 1, 8)
    size = require_int(params, "chunksize", 1, 1 << 20)
    data = list(range(n))
    pairs = []
    with _pool(ctx, processes=processes) as pool:
        ordered = _bounded(ctx, "imap", lambda: _drain(pool.imap(raise13, data, size), next))
        pairs.append(("imap", ",".join(ordered)))
        if size == 1:
            # imap_unordered's order is the completion order: only the counts are a rule.
            unordered = _bounded(ctx, "imap_unordered", lambda: _drain(pool.imap_unordered(raise13, data, size), next))
            pairs.append(("imap_unordered_results", sum(1 for x in unordered if x != "!")))
            pairs.append(("imap_unordered_raised", unordered.count("!")))
    return observation(*pairs), f"imap(raise13, range({n}), {size}) on {processes} workers"


@scenario("pool.starmap", defaults={"n": 30, "processes": 2})
def starmap(ctx, params):
    n = require_int(params, "n", 0, 100000)
    processes = require_int(params, "processes", 1, 8)
    data = [(i, 2 * i + 1) for i in range(n)]
    with _pool(ctx, processes=processes) as pool:
        got = ctx.result(pool.starmap_async(sub, data), "starmap")
        one = pool.apply_async(add, (2, 3)).get(ctx.remaining())
    return (observation(("starmap_equals_sequential", got == [sub(a, b) for a, b in data]), ("apply", one)),
            "starmap(sub, [(i, 2i+1)]) and apply(add, (2, 3))")


@scenario("pool.empty-input", defaults={"processes": 2})
def empty_input(ctx, params):
    processes = require_int(params, "processes", 1, 8)
    with _pool(ctx, processes=processes) as pool:
        m = ctx.result(pool.map_async(square, []), "map of []")
        s = ctx.result(pool.starmap_async(add, []), "starmap of []")
        i = list(pool.imap(square, []))
        u = list(pool.imap_unordered(square, []))
    return (observation(("map", len(m)), ("starmap", len(s)), ("imap", len(i)), ("imap_unordered", len(u))),
            "lengths of the results over an empty input")


@scenario("pool.default-chunksize", defaults={"n": 10, "processes": 2, "chunksize": None})
def default_chunksize(ctx, params):
    n = require_int(params, "n", 1, 200)
    processes = require_int(params, "processes", 1, 4)
    size = _chunksize(params)
    # Each task reports the first element of the chunk it belongs to (pool.py's mapstar frame holds the chunk),
    # so each run of equal values in the result is exactly one chunk. The engine observes the same chunks
    # through maxTasksPerChild=1 (a fresh worker per chunk); here that was avoided because a fork pool that
    # replaces workers while its handler threads run hung once in about 40 runs (README, "Pool").
    with _pool(ctx, processes=processes) as pool:
        firsts = ctx.result(pool.map_async(chunk_of_task, range(n), size), "map reporting chunks")
    runs = []
    for i, first in enumerate(firsts):
        if i > 0 and first == firsts[i - 1]:
            runs[-1] += 1
        else:
            runs.append(1)
    return observation(("chunks", ",".join(str(r) for r in runs))), f"first element of each task's chunk: {firsts}"


@scenario("pool.task-exception", defaults={"n": 20, "processes": 2, "chunksize": 1})
def task_exception(ctx, params):
    n = require_int(params, "n", 14, 1000)
    processes = require_int(params, "processes", 1, 8)
    size = require_int(params, "chunksize", 1, 1000)
    directory = ctx.temp_path("pool-tasks")
    os.mkdir(directory)
    with _pool(ctx, processes=processes, initializer=init_record, initargs=(directory,)) as pool:
        raised, message, remote = _outcome(lambda: ctx.result(pool.map_async(record_then_raise13, range(n), size),
                                                              "map with a failing element"),
                                           _error_kind, "RemoteTraceback")
    ran = len([f for f in os.listdir(directory) if f.startswith("task-")])
    return (observation(("raised", raised), ("message", message), ("remote_traceback", remote), ("tasks_run", ran)),
            f"map(raise13, range({n})), chunksize {size}: 13 raises; every other task still ran")


@scenario("pool.unserializable-result")
def unserializable_result(ctx, params):
    with _pool(ctx, processes=1) as pool:
        before = pool.apply_async(getpid).get(ctx.remaining())
        try:
            pool.apply_async(return_lock).get(ctx.remaining())
            failed, kind, text = False, "none", ""
        except multiprocessing.TimeoutError:
            raise Hang("apply returning a lock: no answer")
        except Exception as e:
            failed, kind, text = True, _error_kind(e), str(e)
        after = pool.apply_async(getpid).get(ctx.remaining())
    return (observation(("task_failed", failed), ("error", kind), ("worker_pid_unchanged", before == after)),
            f"error: {text[:300]}")


@scenario("pool.initializer-once-per-worker", defaults={"processes": 3, "tasks": 30})
def initializer_once_per_worker(ctx, params):
    processes = require_int(params, "processes", 1, 8)
    tasks = require_int(params, "tasks", 1, 10000)
    directory = ctx.temp_path("pool-init")
    os.mkdir(directory)
    pool = ctx.mp.Pool(processes, init_record, (directory,))
    try:
        counts = ctx.result(pool.map_async(init_count, range(tasks), 1), "map of init_count")
        pool.close()
        pool.join()
    finally:
        pool.terminate()
    files = [f for f in os.listdir(directory) if f.startswith("init-")]
    pids = set(f.split("-")[1] for f in files)
    return (observation(("initializer_runs", len(files)), ("workers", len(pids)), ("tasks_saw_one_run", set(counts) == {1})),
            f"initializer files: {sorted(files)}")


@scenario("pool.maxtasksperchild-replaces-workers", defaults={"maxtasksperchild": 2, "tasks": 6})
def maxtasksperchild_replaces_workers(ctx, params):
    limit = require_int(params, "maxtasksperchild", 1, 100)
    tasks = require_int(params, "tasks", 1, 100)
    with _pool(ctx, processes=1, maxtasksperchild=limit) as pool:
        pids = [ctx.result(pool.apply_async(getpid), f"apply {i}") for i in range(tasks)]
    order = []
    for pid in pids:
        if pid not in order:
            order.append(pid)
    return (observation(("distinct_pids", len(order)), ("pattern", ",".join(str(order.index(p)) for p in pids))),
            f"one worker, maxtasksperchild={limit}, {tasks} sequential applies: pids {pids}")


@scenario("pool.failing-initializer", defaults={"wait": 3.0})
def failing_initializer(ctx, params):
    wait = require_number(params, "wait", 0.5, 60.0)
    with _pool(ctx, processes=1, initializer=init_fails) as pool:
        result = pool.apply_async(square, (3,))
        if not result.wait(min(wait, ctx.remaining())):
            # pool.py's _maintain_pool keeps replacing the worker that died in its initializer. Observed as
            # "blocked" (the known behaviour), not "hang" (which the lab counts as a failed run).
            return (observation(("outcome", "blocked")),
                    f"apply never finished within {wait:.1f} s: the worker dies in its initializer and the pool"
                    " keeps respawning it (CPython pool.py, _maintain_pool)")
        return observation(("result", result.get(0))), "the task ran"


@scenario("pool.worker-killed-during-map", defaults={"processes": 2, "wait": 5.0, "signal": "SIGKILL"})
def worker_killed_during_map(ctx, params):
    processes = require_int(params, "processes", 1, 4)
    wait = require_number(params, "wait", 0.5, 60.0)
    signame = require_choice(params, "signal", ("SIGKILL", "SIGTERM"))
    directory = ctx.temp_path("pool-kill")
    os.mkdir(directory)
    with _pool(ctx, processes=processes, initializer=init_record, initargs=(directory,)) as pool:
        result = pool.map_async(announce_then_block, range(processes * 2), 1)
        victim = None
        while victim is None:
            started = [f for f in os.listdir(directory) if f.startswith("started-")]
            if started:
                victim = int(started[0].split("-")[1])
                break
            if ctx.remaining() <= 0:
                raise Hang("no worker started a task")
            time.sleep(0.01)
        os.kill(victim, getattr(signal, signame))
        try:
            result.get(min(wait, ctx.remaining()))
        except multiprocessing.TimeoutError:
            # The lost task's result never comes: bpo-22393 / cpython #96062 (pool hangs if a worker dies).
            return (observation(("outcome", "blocked")),
                    f"map_async().get({wait:.1f}) timed out after worker {victim} got {signame} (bpo-22393, gh-96062)")
        except Exception as e:
            return observation(("raised", _error_kind(e))), str(e)
        return observation(("raised", "none")), "map finished despite the kill"


@scenario("pool.use-after-close")
def use_after_close(ctx, params):
    with _pool(ctx, processes=1) as pool:
        join_running = _refusal(pool.join)
        pool.close()
        map_closed = _refusal(lambda: pool.map(square, [1, 2]))
        apply_closed = _refusal(lambda: pool.apply_async(square, (1,)))
        joined = pool.join()
    return (observation(("join_while_running", join_running), ("map_after_close", map_closed),
                        ("apply_after_close", apply_closed), ("join_after_close", "ok" if joined is None else joined)),
            "ValueError texts from pool.py (_check_running, join)")


@scenario("pool.bad-arguments")
def bad_arguments(ctx, params):
    def make(**kw):
        pool = ctx.mp.Pool(**kw)
        pool.terminate()

    return (observation(("processes_0", _refusal(lambda: make(processes=0))),
                        ("processes_negative", _refusal(lambda: make(processes=-1))),
                        ("maxtasksperchild_0", _refusal(lambda: make(processes=1, maxtasksperchild=0)))),
            "Pool.__init__ argument checks")


# --- the property twin: one generated input, the same check on both subjects ------------------

@scenario("pool.property-case", defaults={"op": "map", "function": "square", "data": [], "processes": 2, "chunksize": None})
def property_case(ctx, params):
    """One case of the Pool properties (§7). ``op``: map, starmap, imap_unordered. Observation: the
    result as text (``result=...``), or ``raised=KIND;message=...`` for a failing map."""
    op = require_choice(params, "op", ["map", "starmap", "imap_unordered"])
    processes = require_int(params, "processes", 1, 8)
    size = _chunksize(params)
    data = params["data"]
    if not isinstance(data, list):
        raise ParamError("parameter 'data' must be a list")
    with _pool(ctx, processes=processes) as pool:
        try:
            if op == "map":
                func = FUNCTIONS[require_choice(params, "function", sorted(FUNCTIONS))]
                out = ctx.result(pool.map_async(func, data, size), "map")
            elif op == "starmap":
                func = STAR_FUNCTIONS[require_choice(params, "function", sorted(STAR_FUNCTIONS))]
                out = ctx.result(pool.starmap_async(func, [tuple(p) for p in data], size), "starmap")
            else:
                func = FUNCTIONS[require_choice(params, "function", sorted(FUNCTIONS))]
                # With chunksize > 1, 3.11's imap_unordered returns a plain generator (no timeout on next):
                # the driver's deadline (SIGALRM at --timeout + 1 s) bounds this wait.
                out = sorted(pool.imap_unordered(func, data, size or 1))
        except Hang:
            raise
        except Exception as e:
            return observation(("raised", _error_kind(e)), ("message", str(e))), ""
    return observation(("result", ",".join(str(v) for v in out))), ""


# --- forkserver (start-methods area) -----------------------------------------------------------

def _child_value(ctx, target, what):
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(target, (w,))
    w.close()
    try:
        value = ctx.recv(r, p, what)
    finally:
        r.close()
    ctx.join(p, what)
    return value


@scenario("start-methods.forkserver-server-state")
def forkserver_server_state(ctx, params):
    """The parent sets a module global before the first child and again before the second; a
    forkserver child is forked from the server, which never saw either assignment."""
    previous = pool_functions.SERVER_STATE
    try:
        pool_functions.SERVER_STATE = "parent_runtime"
        first = _child_value(ctx, report_server_state, "first child's state")
        pool_functions.SERVER_STATE = "parent_runtime"
        second = _child_value(ctx, report_server_state, "second child's state")
    finally:
        pool_functions.SERVER_STATE = previous
    return observation(("first_child", first), ("second_child", second)), "module global seen by the child"


@scenario("start-methods.forkserver-preload")
def forkserver_preload(ctx, params):
    """set_forkserver_preload(['__main__', 'twins.preload_probe']): the server imports the probe
    (and __main__'s sys.path comes with the preparation data), so the child has it before its target."""
    if ctx.method == "forkserver":
        ctx.mp.set_forkserver_preload(["__main__", "twins.preload_probe"])
        # 3.11's forkserver.main() accepts the parent's sys_path but never applies it (and __main__ is not
        # preloaded either, gh-126631), so the server finds the twins package only through its cwd or
        # PYTHONPATH; the server inherits this environment when the first child starts it.
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        if here not in paths:
            os.environ["PYTHONPATH"] = os.pathsep.join([here] + paths)
    loaded, loaded_in, child = _child_value(ctx, report_preloaded, "preload report")
    return (observation(("preloaded_before_target", loaded)),
            f"probe imported in pid {loaded_in} (the server when preloaded), child pid {child}")
