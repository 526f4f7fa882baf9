"""Pipe twins (seed 59.13 "Pipes"; CPython's multiprocessing/connection.py).

A Connection carries whole messages: each send_bytes is one frame (a 4-byte big-endian length,
then the bytes), so messages are never merged or split and an empty message counts. The peer's
close is EOFError on the next receive; a peer that dies in the middle of a frame is
OSError("got end of file during message"). A one-way Pipe refuses the wrong operation on each
end; recv_bytes_into keeps a message that does not fit in BufferTooShort.args[0].
"""

import multiprocessing
import os
import signal

from ._common import Hang, block, observation, scenario

BIG_MESSAGE_BYTES = 64 * 1024 * 1024


def _send_three(conn):
    for message in (b"a", b"", b"bc"):
        conn.send_bytes(message)
    conn.close()


def _exit_silently(conn):
    # Returns without sending anything: its copy of the write end closes when it exits.
    return None


def _announce_then_send_big(conn, size, seconds):
    conn.send("sending")
    # send_bytes writes the header, then blocks on the full pipe (about 64 KiB on Linux) until
    # the parent reads or the process dies: the parent kills it in the middle of this frame.
    conn.send_bytes(b"x" * size)
    block(seconds)


def _wait_buffered(ctx, conn, at_least):
    """Wait until at least ``at_least`` bytes are buffered in ``conn``'s pipe (FIONREAD)."""
    import array
    import fcntl
    import termios
    import time
    count = array.array("i", [0])
    deadline = time.monotonic() + ctx.remaining()
    while True:
        fcntl.ioctl(conn.fileno(), termios.FIONREAD, count, True)
        if count[0] >= at_least:
            return count[0]
        if time.monotonic() >= deadline:
            raise Hang(f"only {count[0]} bytes of the big message reached the pipe")
        time.sleep(0.001)


def _recv_all_bytes(ctx, conn, what):
    """Receive messages until EOF; every wait bounded by the run's deadline."""
    sizes = []
    while True:
        if not conn.poll(ctx.remaining()):
            raise Hang(f"no {what} (message or EOF) within the run's deadline; got {len(sizes)} message(s) so far")
        try:
            sizes.append(len(conn.recv_bytes()))
        except EOFError:
            return sizes


@scenario("pipes.messages-not-merged")
def messages_not_merged(ctx, params):
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_send_three, (w,))
    w.close()  # our copy of the child's end: EOF comes once the child has closed its own
    try:
        sizes = _recv_all_bytes(ctx, r, "message")
    finally:
        r.close()
    ctx.join(p, "sending child")
    detail = (f"child sent b'a', b'', b'bc' with send_bytes; parent received sizes {sizes}, then EOF; "
              f"child exitcode {p.exitcode!r}")
    return observation(("messages", len(sizes)), ("sizes", ",".join(str(s) for s in sizes))), detail


@scenario("pipes.eof-after-peer-close")
def eof_after_peer_close(ctx, params):
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_exit_silently, (w,))
    w.close()
    try:
        if not r.poll(ctx.remaining()):
            raise Hang("neither a message nor EOF within the run's deadline")
        try:
            got = r.recv_bytes()
            eof, what = False, f"a {len(got)}-byte message"
        except EOFError as e:
            eof, what = True, f"EOFError({e})"
    finally:
        r.close()
    ctx.join(p, "silent child")
    return observation(("eof", eof)), f"child exited (exitcode {p.exitcode!r}) without sending; recv_bytes gave {what}"


def _refused(call):
    try:
        call()
    except OSError as e:
        return True, f"{type(e).__name__}: {e}"
    except Exception as e:  # anything else is reported, not taken for a refusal
        return False, f"{type(e).__name__}: {e}"
    return False, "no error"


@scenario("pipes.wrong-end-refused")
def wrong_end_refused(ctx, params):
    r, w = ctx.mp.Pipe(duplex=False)
    try:
        send_refused, send_how = _refused(lambda: r.send("x"))
        recv_refused, recv_how = _refused(lambda: w.recv())
    finally:
        r.close()
        w.close()
    detail = f"reader.send: {send_how}; writer.recv: {recv_how}"
    return observation(("send_on_reader_refused", send_refused), ("recv_on_writer_refused", recv_refused)), detail


@scenario("pipes.buffer-too-short-keeps-message")
def buffer_too_short_keeps_message(ctx, params):
    message = b"a message longer than the buffer"
    r, w = ctx.mp.Pipe(duplex=False)
    buf = bytearray(4)
    try:
        w.send_bytes(message)
        try:
            n = r.recv_bytes_into(buf)
            error, kept, how = "none", False, f"recv_bytes_into returned {n}"
        except multiprocessing.BufferTooShort as e:
            error = "buffer_too_short"
            kept = bool(e.args) and e.args[0] == message
            how = f"BufferTooShort with args[0] of {len(e.args[0]) if e.args else -1} bytes"
    finally:
        r.close()
        w.close()
    detail = f"sent {len(message)} bytes, recv_bytes_into(bytearray(4)): {how}"
    return observation(("error", error), ("message_kept", kept)), detail


@scenario("pipes.poll-timeouts")
def poll_timeouts(ctx, params):
    r, w = ctx.mp.Pipe(duplex=False)
    try:
        zero = r.poll(0)
        # A negative timeout counts as zero (selectors: timeout <= 0 polls); it must not block.
        negative = r.poll(-1)
        w.send("x")
        after = r.poll(0)
    finally:
        r.close()
        w.close()
    detail = f"empty pipe: poll(0) {zero}, poll(-1) {negative}; after one send: poll(0) {after}"
    return observation(("poll_zero", zero), ("poll_negative", negative), ("poll_after_send", after)), detail


@scenario("pipes.killed-writer-mid-message")
def killed_writer_mid_message(ctx, params):
    r, w = ctx.mp.Pipe(duplex=False)
    p = ctx.start(_announce_then_send_big, (w, BIG_MESSAGE_BYTES, ctx.child_block_seconds))
    w.close()
    try:
        ctx.recv(r, p, "announcement")
        # Mid-message means body bytes are in the pipe, not just the header: CPython writes a
        # frame over 16 KiB as two write()s, and a kill between them leaves a bare header, which
        # the reader reports as a plain EOFError (remaining == size in Connection._recv).
        buffered = _wait_buffered(ctx, r, 5)
        os.kill(p.pid, signal.SIGKILL)
        ctx.join(p, "SIGKILLed writer", cap=10.0)
        # Nobody else holds the write end (the child's copy died with it), so this cannot block.
        try:
            got = r.recv_bytes()
            error, how = ("message" if len(got) == BIG_MESSAGE_BYTES else "truncated"), f"{len(got)} bytes"
        except EOFError as e:
            error, how = "eof", f"EOFError({e})"
        except OSError as e:
            error = "eof_during_message" if "end of file during message" in str(e) else "os_error"
            how = f"{type(e).__name__}: {e}"
    finally:
        r.close()
    detail = (f"writer (exitcode {p.exitcode!r}) SIGKILLed while sending {BIG_MESSAGE_BYTES} bytes, "
              f"with {buffered} bytes in the pipe; recv_bytes: {how}")
    return observation(("error", error)), detail
