"""Benchmarks of the cpython subject (seed 59.29 "Memory Cost", 59.30 "Performance Model";
issue #4, section 7 for the IPC benchmarks).

``BENCHMARKS`` maps an id to ``function(ctx, n, warmup, params) -> (unit, samples)``; each
function's ``defaults`` lists the parameters it accepts (``--params`` JSON) with their default
values. One sample is one timed repetition of the whole operation batch; warm-up repetitions
are discarded; with forkserver the first warm-up also starts the server. Child targets live in
the twins package (``twins._common``, ``twins.bench_targets``) so that spawn and forkserver
children can import them. Every benchmark has an engine twin measured the same way in
scenarios/Lab.Scenarios/Benchmarks/ (same batch, same clock boundaries, same units).
"""

import time

from twins import bench_targets
from twins._common import Hang, ParamError, merge_params, noop, require_int, send_peak_rss

MIB = 1024 * 1024

# id -> benchmark function, in the order `lab_driver.py list` prints.
BENCHMARKS = {}


def benchmark(bid, zero_ok=(), sweep=False, **defaults):
    """Registers a benchmark. A ``sweep`` benchmark measures several series in one run (one per
    point of its sweep, both modes at each point) and returns ``(unit, series)``, each series a
    ``{"params": {...}, "samples": [...]}``; the driver answers them as ``series`` instead of
    ``samples``. Its list-valued defaults take a list of positive integers (the sweep's sizes)."""
    def register(func):
        func.benchmark_id = bid
        func.defaults = defaults
        func.zero_ok = tuple(zero_ok)
        func.sweep = sweep
        BENCHMARKS[bid] = func
        return func
    return register


def resolve_params(func, given):
    """The benchmark's parameters: its defaults overridden by ``given``; an unknown key or a
    value that is not a positive integer (a non-empty list of them, where the default is a list)
    is a ParamError (a usage error for the driver)."""
    params = merge_params(f"benchmark {func.benchmark_id}", func.defaults, given)
    for key in params:
        # A benchmark may let 0 mean "the library's default" (pool-chunksize: chunksize 0 = map's own).
        lo = 0 if key in getattr(func, "zero_ok", ()) else 1
        if isinstance(func.defaults[key], list):
            values = params[key]
            if not isinstance(values, list) or not values:
                raise ParamError(f"parameter {key!r} must be a non-empty list of integers, got {values!r}")
            for i in range(len(values)):
                require_int({key: values[i]}, key, lo, 1 << 40)
        else:
            require_int(params, key, lo, 1 << 40)
    return params


# --- process start -------------------------------------------------------------------------

@benchmark("start-latency")
def start_latency(ctx, n, warmup, params):
    samples = []
    for i in range(warmup + n):
        p = ctx.process(noop)
        t0 = time.perf_counter()
        p.start()
        p.join(ctx.remaining())
        t1 = time.perf_counter()
        ctx.track(p)
        if p.is_alive():
            raise Hang(f"no-op child {i} still alive at the deadline")
        if p.exitcode != 0:
            raise RuntimeError(f"no-op child {i} exited with {p.exitcode!r}")
        if i >= warmup:
            samples.append(round((t1 - t0) * 1000.0, 4))
    return "ms", samples


@benchmark("child-peak-rss")
def child_peak_rss(ctx, n, warmup, params):
    samples = []
    for i in range(warmup + n):
        r, w = ctx.mp.Pipe(duplex=False)
        p = ctx.start(send_peak_rss, (w,))
        w.close()
        try:
            value = ctx.recv(r, p, f"peak RSS of child {i}")
        finally:
            r.close()
        ctx.join(p, f"child {i}")
        if i >= warmup:
            samples.append(int(value))
    return "KiB", samples


@benchmark("start-rate", starts=50)
def start_rate(ctx, n, warmup, params):
    """Sustained start rate (issue #6 §8): one sample times ``starts`` sequential start() + join()
    of a no-op child; sample = starts / elapsed in starts/s. The first warm-up starts the forkserver."""
    starts = params["starts"]
    samples = []
    for i in range(warmup + n):
        t0 = time.perf_counter()
        for k in range(starts):
            p = ctx.process(noop)
            p.start()
            p.join(ctx.remaining())
            if p.exitcode != 0:
                ctx.track(p)
                raise Hang(f"no-op child {k} of batch {i}: exit code {p.exitcode!r}")
        t1 = time.perf_counter()
        if i >= warmup:
            samples.append(starts / (t1 - t0))
    return "starts/s", samples


# --- IPC (issue #4, section 7) -------------------------------------------------------------
# Every per-message wait below carries a timeout (house rule: all waits bounded), on the engine
# side too, so both subjects pay the same poll-before-read.

def _per_wait(ctx):
    return ctx.remaining(30.0)


def _start_batch_child(ctx, target, args, ctl, what):
    """Starts ``target(*args)`` and waits for its "ready", so no sample includes its start-up."""
    p = ctx.start(target, args)
    if ctx.recv(ctl, p, f"{what} ready") != "ready":
        raise RuntimeError(f"{what} sent something other than ready")
    return p


@benchmark("queue-throughput", messages=20000)
def queue_throughput(ctx, n, warmup, params):
    """One producer puts ``messages`` small ints into a Queue, the parent gets them all. The
    clock runs from the parent's go signal to the last get; sample = messages / elapsed."""
    import queue as queue_module
    messages = params["messages"]
    q = ctx.mp.Queue()
    ctl, child_ctl = ctx.mp.Pipe()
    p = _start_batch_child(ctx, bench_targets.queue_producer,
                           (q, child_ctl, messages, warmup + n, ctx.child_block_seconds), ctl, "queue producer")
    child_ctl.close()
    get = q.get
    samples = []
    for i in range(warmup + n):
        wait = _per_wait(ctx)
        t0 = time.perf_counter()
        ctl.send(i)
        try:
            for _ in range(messages):
                get(True, wait)
        except queue_module.Empty:
            raise Hang(f"queue-throughput: no item within {wait:.1f} s in batch {i} (producer alive: {p.is_alive()})")
        t1 = time.perf_counter()
        if i >= warmup:
            samples.append(messages / (t1 - t0))
    ctx.join(p, "queue producer", cap=30.0)
    q.close()
    q.join_thread()
    ctl.close()
    return "msgs/s", samples


@benchmark("pipe-throughput-1mib", messages=64, size=MIB)
def pipe_throughput(ctx, n, warmup, params):
    """A child sends ``messages`` messages of ``size`` bytes with send_bytes through a one-way
    Pipe; the parent receives each with recv_bytes_into one reused bytearray. The clock runs
    from the go signal to the end of the last message; sample = bytes / elapsed in MB/s (10^6)."""
    messages, size = params["messages"], params["size"]
    r, w = ctx.mp.Pipe(duplex=False)
    ctl, child_ctl = ctx.mp.Pipe()
    p = _start_batch_child(ctx, bench_targets.pipe_sender,
                           (w, child_ctl, messages, size, warmup + n, ctx.child_block_seconds), ctl, "pipe sender")
    w.close()
    child_ctl.close()
    buf = bytearray(size)
    samples = []
    for i in range(warmup + n):
        wait = _per_wait(ctx)
        t0 = time.perf_counter()
        ctl.send(i)
        for k in range(messages):
            if not r.poll(wait):
                raise Hang(f"pipe-throughput: message {k} of batch {i} did not arrive within {wait:.1f} s "
                           f"(sender alive: {p.is_alive()})")
            got = r.recv_bytes_into(buf)
            if got != size:
                raise RuntimeError(f"pipe-throughput: got a {got}-byte message, expected {size}")
        t1 = time.perf_counter()
        if i >= warmup:
            samples.append(messages * size / (t1 - t0) / 1e6)
    ctx.join(p, "pipe sender", cap=30.0)
    r.close()
    ctl.close()
    return "MB/s", samples


@benchmark("lock-uncontended", pairs=100000)
def lock_uncontended(ctx, n, warmup, params):
    """perf_counter_ns around a loop of ``pairs`` acquire(); release() of an uncontended
    multiprocessing Lock in this process; sample = ns per pair. The figure includes the
    interpreter's loop (what a Python caller pays); the methods are bound once outside the loop,
    so it times the calls, not attribute lookups. The start method only decides how the lock is
    registered. The engine side (BenchmarkDotNet) times the same number of pairs per sample."""
    pairs = params["pairs"]
    lock = ctx.mp.Lock()
    acquire, release = lock.acquire, lock.release
    samples = []
    for i in range(warmup + n):
        t0 = time.perf_counter_ns()
        for _ in range(pairs):
            acquire()
            release()
        t1 = time.perf_counter_ns()
        if i >= warmup:
            samples.append((t1 - t0) / pairs)
    return "ns", samples


def _pattern(size):
    """The source of both copy benchmarks: a bytearray, because assigning a *bytes* object to a
    bytearray slice first copies it into a temporary bytearray (bytearray_ass_subscript), which
    would time an allocation and a second copy instead of one memcpy."""
    data = bytearray(range(256)) * (size // 256)
    data.extend(bytes(size % 256))
    return data


@benchmark("shm-copy", mib=64)
def shm_copy(ctx, n, warmup, params):
    """``shm.buf[:size] = data``: one bulk copy of ``mib`` MiB into a SharedMemory block per
    sample; sample = bytes / elapsed in GB/s (10^9). Compare with memcpy-baseline."""
    from multiprocessing import shared_memory
    size = params["mib"] * MIB
    data = _pattern(size)
    shm = shared_memory.SharedMemory(create=True, size=size)
    samples = []
    try:
        buf = shm.buf
        try:
            for i in range(warmup + n):
                t0 = time.perf_counter()
                buf[:size] = data
                t1 = time.perf_counter()
                if i >= warmup:
                    samples.append(size / (t1 - t0) / 1e9)
        finally:
            del buf  # a live export of the mmap would make close() fail
    finally:
        shm.close()
        shm.unlink()
    return "GB/s", samples


@benchmark("memcpy-baseline", mib=64)
def memcpy_baseline(ctx, n, warmup, params):
    """The same copy into a plain in-process bytearray (slice assignment of equal length is a
    memcpy); sample = bytes / elapsed in GB/s (10^9)."""
    size = params["mib"] * MIB
    data = _pattern(size)
    dest = bytearray(size)
    samples = []
    for i in range(warmup + n):
        t0 = time.perf_counter()
        dest[:] = data
        t1 = time.perf_counter()
        if i >= warmup:
            samples.append(size / (t1 - t0) / 1e9)
    return "GB/s", samples


@benchmark("lock-handoff", rounds=2000)
def lock_handoff(ctx, n, warmup, params):
    """Strict turns between two processes over two semaphores (both start at 0): the parent
    releases ping and acquires pong, the child acquires ping and releases pong. A round is two
    hand-offs; sample = elapsed / (2 * rounds) in ns. The child's start-up is outside every
    sample (it releases pong once when ready)."""
    rounds = params["rounds"]
    ping, pong = ctx.mp.Semaphore(0), ctx.mp.Semaphore(0)
    p = ctx.start(bench_targets.handoff_partner, (ping, pong, (warmup + n) * rounds, ctx.child_block_seconds))
    if not pong.acquire(True, _per_wait(ctx)):
        raise Hang(f"lock-handoff: the partner (pid {p.pid}, alive: {p.is_alive()}) never said ready")
    release, acquire = ping.release, pong.acquire
    samples = []
    for i in range(warmup + n):
        wait = _per_wait(ctx)
        t0 = time.perf_counter_ns()
        for _ in range(rounds):
            release()
            if not acquire(True, wait):
                raise Hang(f"lock-handoff: no hand-off back within {wait:.1f} s in batch {i} "
                           f"(partner alive: {p.is_alive()})")
        t1 = time.perf_counter_ns()
        if i >= warmup:
            samples.append((t1 - t0) / (2.0 * rounds))
    ctx.join(p, "lock-handoff partner", cap=30.0)
    return "ns", samples


# --- Pool (issue #6, section 8) --------------------------------------------------------------

@benchmark("pool-chunksize", zero_ok=("chunksize",), tasks=100000, chunksize=0, processes=2)
def pool_chunksize(ctx, n, warmup, params):
    """Per-task overhead of Pool.map: one sample times one ``map(trivial, range(tasks), chunksize)``
    on a started and warmed pool (the pool's start is outside every sample); sample = elapsed /
    tasks in microseconds. ``chunksize`` 0 is map's default (pool.py: divmod(len, 4 * workers),
    plus one if there is a remainder)."""
    tasks, size, processes = params["tasks"], params["chunksize"] or None, params["processes"]
    data = list(range(tasks))
    pool = ctx.mp.Pool(processes)
    try:
        ctx.result(pool.map_async(bench_targets.trivial, range(processes * 4), 1), "pool warm-up")
        samples = _per_task(n, warmup, tasks, lambda i: ctx.result(pool.map_async(bench_targets.trivial, data, size), f"map of batch {i}"))
    finally:
        pool.terminate()
    return "us/task", samples


def _per_task(n, warmup, tasks, batch):
    """Times ``batch(i)`` warmup + n times; the samples after the warm-up, in µs per task. ``batch``
    returns its results, which must be ``tasks`` many."""
    samples = []
    for i in range(warmup + n):
        t0 = time.perf_counter()
        out = batch(i)
        t1 = time.perf_counter()
        if len(out) != tasks:
            raise RuntimeError(f"the batch returned {len(out)} results for {tasks} tasks")
        if i >= warmup:
            samples.append((t1 - t0) / tasks * 1e6)
    return samples


# --- ProcessPoolExecutor (seeds 59.32) ----------------------------------------------------------

def _executor(ctx, workers):
    from twins.executor import _make
    ex = _make(ctx, workers)
    list(ex.map(bench_targets.trivial, range(workers * 4), timeout=ctx.remaining()))
    return ex


@benchmark("executor-submit", tasks=2000, workers=2)
def executor_submit(ctx, n, warmup, params):
    """Per-task overhead of ProcessPoolExecutor.submit: one sample submits ``tasks`` trivial tasks (one
    future each) on a started and warmed executor and waits for them all; sample = elapsed / tasks in µs."""
    tasks, workers = params["tasks"], params["workers"]
    ex = _executor(ctx, workers)
    try:
        def batch(_):
            futures = [ex.submit(bench_targets.trivial, x) for x in range(tasks)]
            return [f.result(ctx.remaining()) for f in futures]

        samples = _per_task(n, warmup, tasks, batch)
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
    return "us/task", samples


@benchmark("executor-map", tasks=5000, chunksize=1, workers=2)
def executor_map(ctx, n, warmup, params):
    """Per-task overhead of ProcessPoolExecutor.map: one sample drains one ``map(trivial, range(tasks),
    chunksize=...)`` on a started and warmed executor; sample = elapsed / tasks in µs."""
    tasks, size, workers = params["tasks"], params["chunksize"], params["workers"]
    ex = _executor(ctx, workers)
    try:
        samples = _per_task(n, warmup, tasks,
                            lambda _: list(ex.map(bench_targets.trivial, range(tasks), chunksize=size, timeout=ctx.remaining())))
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
    return "us/task", samples


# --- The performance model (seeds 59.30, 59.34) -------------------------------------------------

@benchmark("task-size-speedup", sweep=True, work_us=200000, task_us=[10, 100, 1000, 10000], processes=2)
def task_size_speedup(ctx, n, warmup, params):
    """When does multiprocessing help? For each ``task_us``, ``max(processes, work_us // task_us)``
    tasks of ``task_us`` µs of busy spin (CPU time, bench_targets.spin_cpu), run serially in this
    process (mode serial), then by map on one started and warmed pool of ``processes`` workers at
    chunksize 1 (mode pool; its start outside every sample); sample = elapsed for the whole work in
    ms. A sweep: one series per task size and mode."""
    work_us, processes = params["work_us"], params["processes"]
    spin = bench_targets.spin_cpu
    series = []

    def measure(mode, task_us, run):
        tasks = max(processes, work_us // task_us)
        data = [task_us] * tasks
        samples = []
        for i in range(warmup + n):
            t0 = time.perf_counter()
            out = run(data, i)
            t1 = time.perf_counter()
            if sum(out) != task_us * tasks:
                raise RuntimeError(f"task-size-speedup: {tasks} tasks of {task_us} us returned {sum(out)} us of work")
            if i >= warmup:
                samples.append((t1 - t0) * 1000.0)
        series.append({"params": {"task_us": task_us, "tasks": tasks, "mode": mode}, "samples": samples})

    for task_us in params["task_us"]:
        measure("serial", task_us, lambda data, i: [spin(t) for t in data])
    pool = ctx.mp.Pool(processes)
    try:
        ctx.result(pool.map_async(spin, [1] * (processes * 4), 1), "pool warm-up")
        for task_us in params["task_us"]:
            measure("pool", task_us, lambda data, i: ctx.result(pool.map_async(spin, data, 1), f"map of batch {i}"))
    finally:
        pool.terminate()
    return "ms", series


@benchmark("argument-size-crossover", sweep=True, bytes=[1024, 65536, MIB, 16 * MIB], traffic=16 * MIB,
           max_tasks=64, processes=2)
def argument_size_crossover(ctx, n, warmup, params):
    """Sending huge objects repeatedly: for each size in ``bytes``, one sample times one map of
    ``clamp(traffic // bytes, processes, max_tasks)`` tasks at chunksize 1 on one started and warmed
    pool, each task touching an argument of that many bytes, pickled into every task (mode channel)
    or held once in a SharedMemory block whose name the task gets (mode shared-memory: the worker
    attaches, reads, closes); each size and mode is warmed by one untimed task per worker; sample =
    elapsed / tasks in µs. Every block is unlinked, pass or fail. A sweep: one series per size and mode."""
    from multiprocessing import resource_tracker, shared_memory
    traffic, max_tasks, processes = params["traffic"], params["max_tasks"], params["processes"]
    # The resource tracker must run before the pool's workers exist. Under fork a worker forked
    # earlier has no tracker of its own: attaching (3.8 to 3.12 register on attach) starts one,
    # which unlinks the block as "leaked" when the worker ends, under the parent's feet (bpo-39959;
    # found here: the parent's unlink raised FileNotFoundError). Started first, it is shared.
    resource_tracker.ensure_running()
    series = []
    pool = ctx.mp.Pool(processes)
    try:
        ctx.result(pool.map_async(bench_targets.touch_bytes, [b"\x01"] * (processes * 4), 1), "pool warm-up")
        for size in params["bytes"]:
            tasks = min(max(traffic // size, processes), max_tasks)
            data = bytes(_pattern(size))
            expected = size + data[-1]

            def measure(mode, func, args):
                ctx.result(pool.map_async(func, args[:processes], 1), f"warm-up with the {size}-byte argument")

                def batch(i):
                    out = ctx.result(pool.map_async(func, args, 1), f"map of batch {i}")
                    if any(x != expected for x in out):
                        raise RuntimeError(f"argument-size-crossover: a task did not see the whole {size}-byte argument")
                    return out

                series.append({"params": {"bytes": size, "tasks": tasks, "mode": mode},
                               "samples": _per_task(n, warmup, tasks, batch)})

            measure("channel", bench_targets.touch_bytes, [data] * tasks)
            shm = shared_memory.SharedMemory(create=True, size=size)
            try:
                shm.buf[:size] = data
                measure("shared-memory", bench_targets.touch_shared, [(shm.name, size)] * tasks)
            finally:
                shm.close()
                shm.unlink()
    finally:
        pool.terminate()
    return "us/task", series


_COW_MEASURES = (("rss", ("Rss",)), ("pss", ("Pss",)), ("uss", ("Private_Clean", "Private_Dirty")))


def _smaps_rollup(pid):
    """The kB fields of /proc/<pid>/smaps_rollup (Linux 4.14+)."""
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[0].endswith(":") and parts[2] == "kB":
                fields[parts[0][:-1]] = int(parts[1])
    return fields


@benchmark("cow-memory", sweep=True, mib=64)
def cow_memory(ctx, n, warmup, params):
    """Memory cost of a child that reads a large parent structure (seeds 59.29): ``mib`` MiB of
    bytes, given as the child's argument (mode argument: inherited copy-on-write under fork,
    pickled under spawn and forkserver) or through a SharedMemory block's name (mode
    shared-memory). One child per sample reads one byte per page and waits; the parent reads its
    /proc/PID/smaps_rollup: rss, pss and uss (Private_Clean + Private_Dirty) in KiB. The data is
    built before any child starts, as a module-level structure would be. A sweep: one series per
    mode and measure; ``warmup`` children are discarded."""
    from multiprocessing import resource_tracker, shared_memory
    size = params["mib"] * MIB
    data = bytes(_pattern(size))
    resource_tracker.ensure_running()  # shared with the children under fork (see argument-size-crossover)
    series = []

    def measure(mode, target, arg):
        figures = [[] for _ in _COW_MEASURES]
        for i in range(warmup + n):
            ctl, child_ctl = ctx.mp.Pipe()
            p = ctx.start(target, (arg, ctx.child_block_seconds, child_ctl))
            child_ctl.close()
            try:
                ctx.recv(ctl, p, f"cow-memory reader {i} ({mode})")
                rollup = _smaps_rollup(p.pid)
                ctl.send("go")
            finally:
                ctl.close()
            code = ctx.join(p, f"cow-memory reader {i}", cap=30.0)
            if code != 0:
                raise RuntimeError(f"cow-memory reader {i} ({mode}) exited with {code!r}")
            if i >= warmup:
                for k, (_, fields) in enumerate(_COW_MEASURES):
                    figures[k].append(sum(rollup[f] for f in fields))
        for k, (name, _) in enumerate(_COW_MEASURES):
            series.append({"params": {"mode": mode, "measure": name}, "samples": figures[k]})

    measure("argument", bench_targets.cow_reader, data)
    shm = shared_memory.SharedMemory(create=True, size=size)
    try:
        shm.buf[:size] = data
        measure("shared-memory", bench_targets.cow_shared_reader, shm.name)
    finally:
        shm.close()
        shm.unlink()
    return "KiB", series


def _status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/{pid}/status")


def _pool_worker_memory(ctx, n, warmup, params, field):
    """Resident memory of each worker of a ``processes``-worker pool after a warm-up map of
    ``tasks`` trivial tasks (chunksize 1, so every worker takes part), read by the parent from
    /proc/<pid>/status. One pool per repetition; each repetition adds one sample per worker."""
    processes, tasks = params["processes"], params["tasks"]
    samples = []
    for i in range(warmup + n):
        pool = ctx.mp.Pool(processes)
        try:
            ctx.result(pool.map_async(bench_targets.trivial, range(tasks), 1), f"warm-up map {i}")
            values = [_status_kib(w.pid, field) for w in pool._pool]
        finally:
            pool.terminate()
        if i >= warmup:
            samples.extend(values)
    return "KiB", samples


@benchmark("pool-worker-rss", processes=2, tasks=1000)
def pool_worker_rss(ctx, n, warmup, params):
    """VmRSS of each pool worker after a warm-up map (see _pool_worker_memory)."""
    return _pool_worker_memory(ctx, n, warmup, params, "VmRSS")


@benchmark("pool-worker-peak-rss", processes=2, tasks=1000)
def pool_worker_peak_rss(ctx, n, warmup, params):
    """VmHWM (peak resident set) of each pool worker after a warm-up map."""
    return _pool_worker_memory(ctx, n, warmup, params, "VmHWM")


# --- managers ------------------------------------------------------------------------------

@benchmark("manager-call", calls=2000)
def manager_call(ctx, n, warmup, params):
    """perf_counter_ns around ``calls`` append(i) calls on a manager's list proxy from this
    process; sample = us per call (a round trip to the manager's process). The manager is started
    with ctx.mp and the proxy connected (one append) before the first repetition. The method is
    bound once outside the loop. The engine side is scenarios/Lab.Scenarios/Benchmarks/ManagerCall.cs."""
    calls = params["calls"]
    with ctx.mp.Manager() as manager:
        lst = manager.list()
        lst.append(-1)
        append = lst.append
        samples = []
        for i in range(warmup + n):
            t0 = time.perf_counter_ns()
            for k in range(calls):
                append(k)
            t1 = time.perf_counter_ns()
            if i >= warmup:
                samples.append((t1 - t0) / 1000.0 / calls)
    return "us", samples
