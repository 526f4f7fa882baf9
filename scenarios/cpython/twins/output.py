"""Output twins (seed 59.34 "Printing from many workers: interleaved output").

Several children write lines into one pipe they share, each line with one write(2). POSIX makes
a write of at most PIPE_BUF bytes (4096 on Linux, pipe(7)) to a pipe atomic; a larger write may
be mixed with other writers' bytes. The pipe is passed to the children rather than being their
stdout: a forkserver child writes to the server's stdout, not its parent's.
"""

import os
import select

from ._common import Hang, observation, require_int, scenario

_DEFAULTS = {"writers": 4, "lines_per_writer": 50, "line_bytes": 100}


def _write_lines(writer, index, lines, line_bytes):
    line = bytes([ord("a") + index]) * (line_bytes - 1) + b"\n"
    fd = writer.fileno()
    for _ in range(lines):
        # One write(2) per line; a blocking pipe takes it whole (pipe(7)), the loop only guards a signal.
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view):]


def count_lines(data, line_bytes):
    """(newline-terminated pieces, pieces that are one writer's letter repeated to the full length)."""
    pieces = data.split(b"\n")[:-1]
    whole = sum(1 for p in pieces if len(p) == line_bytes - 1 and p and p.count(p[:1]) == len(p))
    return len(pieces), whole


def _interleaved(ctx, params):
    writers = require_int(params, "writers", 1, 16)
    lines = require_int(params, "lines_per_writer", 1, 10000)
    line_bytes = require_int(params, "line_bytes", 2, 1 << 20)
    reader, writer = ctx.mp.Pipe(duplex=False)
    try:
        children = [ctx.start(_write_lines, (writer, i, lines, line_bytes)) for i in range(writers)]
        # The parent's write end is closed: the end of the pipe comes when the last writer exits.
        writer.close()
        chunks = []
        fd = reader.fileno()
        while True:
            left = ctx.remaining()
            if not select.select([fd], [], [], left)[0]:
                raise Hang(f"reading the writers' lines: no end of the pipe within {ctx.timeout:.1f} s")
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        for p in children:
            code = ctx.join(p, "a writer after the end of the pipe")
            if code != 0:
                return observation(("writer_exitcode", code)), f"writer pid {p.pid} failed", None
    finally:
        writer.close()
        reader.close()
    data = b"".join(chunks)
    count, whole = count_lines(data, line_bytes)
    return None, f"{len(data)} bytes, {count} lines, {whole} whole", (len(data), count, whole)


@scenario("output.small-writes-whole", defaults=_DEFAULTS)
def small_writes_whole(ctx, params):
    failed, detail, counts = _interleaved(ctx, params)
    if failed is not None:
        return failed, detail
    return observation(("lines", counts[1]), ("whole", counts[2])), detail


@scenario("output.large-writes-may-interleave", defaults=dict(_DEFAULTS, lines_per_writer=10, line_bytes=262144))
def large_writes_may_interleave(ctx, params):
    failed, detail, counts = _interleaved(ctx, params)
    if failed is not None:
        return failed, detail
    return observation(("bytes", counts[0]), ("whole", counts[2])), detail
