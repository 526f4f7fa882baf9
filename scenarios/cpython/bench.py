"""Benchmarks of the cpython subject (seed 59.29 "Memory Cost", 59.30 "Performance Model").

``BENCHMARKS`` maps an id to ``function(ctx, n, warmup) -> (unit, samples)``. Targets live in
the twins package so that spawn and forkserver children can import them. Warm-up runs are
discarded; with forkserver the first warm-up also starts the server.
"""

import time

from twins._common import Hang, noop, send_peak_rss


def start_latency(ctx, n, warmup):
    samples = []
    for i in range(warmup + n):
        p = ctx.process(noop)
        t0 = time.perf_counter()
        p.start()
        p.join(ctx.remaining())
        t1 = time.perf_counter()
        ctx.track(p)
        if p.is_alive():
            raise Hang("no-op child %d still alive at the deadline" % i)
        if p.exitcode != 0:
            raise RuntimeError("no-op child %d exited with %r" % (i, p.exitcode))
        if i >= warmup:
            samples.append(round((t1 - t0) * 1000.0, 4))
    return "ms", samples


def child_peak_rss(ctx, n, warmup):
    samples = []
    for i in range(warmup + n):
        r, w = ctx.mp.Pipe(duplex=False)
        p = ctx.start(send_peak_rss, (w,))
        w.close()
        try:
            value = ctx.recv(r, p, "peak RSS of child %d" % i)
        finally:
            r.close()
        ctx.join(p, "child %d" % i)
        if i >= warmup:
            samples.append(int(value))
    return "KiB", samples


BENCHMARKS = {
    "start-latency": start_latency,
    "child-peak-rss": child_peak_rss,
}
