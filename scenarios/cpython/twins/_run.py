"""Process hygiene for one driver run: the fd capture, the deadline, and the cleanup that
leaves no process, semaphore or file behind (see ../README.md, "Hygiene").

Used by lab_driver.py in the driver process only; importing it has no side effect (spawn
children and the forkserver import the twins package, and so may import this module).
"""

import os
import sys

from . import _common

class FdCapture(object):
    """Points fds 1 and 2 at one temporary file for the whole run, so that (a) nothing a child,
    the forkserver or the resource tracker prints can reach the JSON on stdout, and (b) twins
    can read what children wrote to stderr. Must be entered before the run's first
    multiprocessing use: children inherit fds at fork/spawn time, and the forkserver and the
    resource tracker are started lazily by the first start() and keep the fds they got then."""

    def __init__(self, directory):
        self.path = os.path.join(directory, "std-capture.log")
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.saved = None

    def __enter__(self):
        sys.stdout.flush()
        sys.stderr.flush()
        self.saved = (os.dup(1), os.dup(2))
        os.dup2(self.fd, 1)
        os.dup2(self.fd, 2)
        return self

    def __exit__(self, *exc):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        os.dup2(self.saved[0], 1)
        os.dup2(self.saved[1], 2)
        os.close(self.saved[0])
        os.close(self.saved[1])
        os.close(self.fd)
        return False

    def mark(self):
        sys.stderr.flush()
        return os.path.getsize(self.path)

    def read_since(self, mark):
        sys.stderr.flush()
        with open(self.path, "rb") as f:
            f.seek(mark)
            return f.read().decode("utf-8", "replace")


def become_subreaper():
    """PR_SET_CHILD_SUBREAPER (Linux >= 3.4): descendants orphaned during the run (a daemon
    whose parent was SIGKILLed, what an unguarded script leaves behind) are re-parented to the
    driver instead of init, so the driver can kill and reap them; where init does not reap,
    they would otherwise stay zombies. Not inherited across fork. Best effort."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except Exception:
        return False


def _child_pids():
    me = os.getpid()
    pids = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return pids
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == me:
                pids.append(int(entry))
        except (IOError, OSError, IndexError, ValueError):
            pass
    return pids


def _reap_pid(pid, grace):
    """Wait up to ``grace`` s for our child ``pid`` to exit, then SIGKILL it and reap it."""
    import signal
    import time
    deadline = time.monotonic() + grace
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        if time.monotonic() >= deadline:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            return
        time.sleep(0.01)


def _sweep_children(exclude=()):
    """Kill and reap every child of the driver not in ``exclude`` (adopted orphans)."""
    import signal
    swept = []
    for pid in _child_pids():
        if pid in exclude:
            continue
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _reap_pid(pid, 2.0)
        swept.append(pid)
    return swept


def _stop_helpers():
    """Stop the forkserver and the resource tracker this run started, and reap them, so no
    process outlives the driver. Uses private attributes (stable 3.9 .. 3.13) defensively,
    with bounded waits instead of their blocking _stop()."""
    notes = []
    try:
        from multiprocessing import forkserver
        fs = forkserver._forkserver
        pid = getattr(fs, "_forkserver_pid", None)
        if pid is not None:
            alive_fd = getattr(fs, "_forkserver_alive_fd", None)
            if alive_fd is not None:
                os.close(alive_fd)  # EOF on its "alive" pipe makes the server exit
                fs._forkserver_alive_fd = None
            _reap_pid(pid, 2.0)
            fs._forkserver_pid = None
            address = getattr(fs, "_forkserver_address", None)
            if address and isinstance(address, str) and not address.startswith("\0"):
                try:
                    os.unlink(address)
                except OSError:
                    pass
            fs._forkserver_address = None
            notes.append(f"forkserver {pid} stopped")
    except Exception as e:
        notes.append(f"forkserver stop failed: {e!r}")
    try:
        import gc
        gc.collect()  # SemLock finalizers unlink their names before the tracker goes
        from multiprocessing import resource_tracker
        rt = resource_tracker._resource_tracker
        fd, pid = getattr(rt, "_fd", None), getattr(rt, "_pid", None)
        if fd is not None and pid is not None:
            os.close(fd)  # EOF makes the tracker clean up leftovers and exit
            rt._fd = None
            _reap_pid(pid, 2.0)
            rt._pid = None
            notes.append(f"resource tracker {pid} stopped")
    except Exception as e:
        notes.append(f"resource tracker stop failed: {e!r}")
    return notes


def _signals_from_any_thread():
    """PyPy's ``__pypy__.thread.signals_enabled``: inside it, the current thread may install
    signal handlers as if it were the main thread. A null context elsewhere (CPython). Both
    are reusable context managers."""
    try:
        from __pypy__.thread import signals_enabled
    except ImportError:
        import contextlib
        return contextlib.nullcontext()
    return signals_enabled


def install_driver_signal_handlers():
    """SIGALRM (the deadline safety net) and SIGTERM (the lab giving up on us) raise in the
    driver so that its cleanup runs. A fork child would inherit these Python-level handlers
    and behave unlike a child of an ordinary program (SIGTERM must kill it: -15), so every
    fork child gets the default dispositions back before it runs anything (register_at_fork)."""
    import signal
    driver_pid = os.getpid()

    def on_alarm(signum, frame):
        if os.getpid() == driver_pid:
            raise _common.DriverDeadline("driver deadline reached")

    def on_term(signum, frame):
        if os.getpid() != driver_pid:  # only if a child ran before register_at_fork did
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise _common.DriverInterrupted("driver received SIGTERM")

    # A SIGTERM that reaches a fork child between fork() and defaults_in_child would be taken by the inherited
    # Python-level handler and then dropped: CPython clears the signals tripped in the child after fork
    # (_PySignal_AfterFork), so the child would survive its terminate() (a pool's terminate then waits forever in
    # join: seen as a rare hang of pool twins under fork). So SIGTERM is blocked in the forking thread across
    # fork(): a SIGTERM sent to the new child stays pending in the kernel until the child has its default
    # disposition back and unblocks it, then kills it as it would kill a child of any program.
    blocked = {signal.SIGTERM}
    any_thread = _signals_from_any_thread()  # looked up now: no import in a fork child

    def block_before_fork():
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)

    def unblock_in_parent():
        signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)

    def defaults_in_child():
        # A pool's worker handler thread forks too: under PyPy, signal.signal outside the main
        # thread raises "signal only works in main thread" (CPython accepts it in a fork child).
        with any_thread:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_term)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(before=block_before_fork, after_in_parent=unblock_in_parent, after_in_child=defaults_in_child)


def _known_helper_pids():
    pids = set()
    try:
        from multiprocessing import forkserver, resource_tracker
        for pid in (getattr(forkserver._forkserver, "_forkserver_pid", None),
                    getattr(resource_tracker._resource_tracker, "_pid", None)):
            if pid is not None:
                pids.add(pid)
    except Exception:
        pass
    return pids


def _remove_stale_workdirs(tmp):
    """A driver killed by SIGKILL cannot remove its work directory; the next run removes the
    directories of drivers that no longer run (the pid is part of the name)."""
    import shutil
    try:
        names = os.listdir(tmp)
    except OSError:
        return
    for name in names:
        parts = name.split("-")
        if len(parts) < 4 or parts[:2] != ["cpython", "lab"] or not parts[2].isdigit():
            continue
        pid = int(parts[2])
        try:
            os.kill(pid, 0)
            continue  # still running (or the pid was reused): leave it
        except ProcessLookupError:
            pass
        except OSError:
            continue
        shutil.rmtree(os.path.join(tmp, name), ignore_errors=True)


def run_isolated(timeout, method, body):
    """Run ``body(ctx)`` with the fd capture, a deadline (SIGALRM safety net one second after
    the twins' own deadline), and full cleanup afterwards. Returns (result, error, traceback):
    error is the exception the body raised (after cleanup), or None."""
    import shutil
    import signal
    import tempfile
    import traceback

    _remove_stale_workdirs(tempfile.gettempdir())
    workdir = tempfile.mkdtemp(prefix=f"cpython-lab-{os.getpid()}-")
    result, error, tb, notes = None, None, None, []
    try:
        capture = FdCapture(workdir)
        with capture:
            ctx = _common.RunContext(method, timeout, workdir, capture)
            try:
                try:
                    signal.setitimer(signal.ITIMER_REAL, timeout + 1.0)
                    result = body(ctx)
                finally:
                    # If the alarm fires before this line, its exception lands in the
                    # handler below like any other; it is one-shot, so cleanup is safe.
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except BaseException as e:  # reported by the caller, after cleanup
                error, tb = e, traceback.format_exc()
            # The cleanup below is bounded (a few seconds at most); a SIGTERM must not cut it
            # short. No process is started after this point, so SIG_IGN is inherited by none.
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            left = ctx.reap()
            if left:
                notes.append(f"still alive after kill: {left}")
            swept = _sweep_children(exclude=_known_helper_pids())
            if swept:
                notes.append(f"reaped adopted orphans {swept}")
            notes.extend(_stop_helpers())
            swept = _sweep_children()
            if swept:
                notes.append(f"reaped leftover children {swept}")
        captured = capture.read_since(0)
        if captured.strip():
            sys.stderr.write("--- captured output of the run ---\n" + captured[-65536:])
            if not captured.endswith("\n"):
                sys.stderr.write("\n")
        for note in notes:
            sys.stderr.write(f"lab_driver: {note}\n")
        sys.stderr.flush()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return result, error, tb
