"""Plumbing shared by the CPython twins: the scenario registry, the run context handed to
every twin, the canonical observation format, and the small child-side helpers.

Contracts (see ../README.md):
- A twin is ``function(ctx, params) -> (observed, detail)``; ``observed`` is what
  ``observation(*pairs)`` builds (an ordered dict: key -> canonical string value, the JSON object
  the C# lab compares key by key), ``detail`` is free human text.
- Child targets are module-level functions of this package: spawn and forkserver children
  unpickle them by qualified name and import the module (seed 59.9, "target function must be
  importable").
- Every wait in the parent is bounded by the run's deadline; a wait that runs out raises
  ``Hang`` (answer ``"observed":{}, "hang":true``), a child that dies before it reports raises
  ``EarlyExit``.
- Python 3.9 .. 3.14, standard library only: no ``match``, no PEP 604 unions at run time.
"""

import multiprocessing
import multiprocessing.connection
import os
import sys
import time

# id -> twin function; filled by the @scenario decorator in registration order.
SCENARIOS = {}


class ParamError(ValueError):
    """Bad --params for a scenario: a usage error (driver exit code 2)."""


class Hang(Exception):
    """Something the twin waited for did not happen before the deadline."""

    def __init__(self, detail):
        Exception.__init__(self, detail)
        self.detail = detail


class EarlyExit(Exception):
    """A child exited before it sent the message the parent was waiting for."""

    def __init__(self, exitcode, detail):
        Exception.__init__(self, detail)
        self.exitcode = exitcode
        self.detail = detail


class DriverDeadline(BaseException):
    """Raised by the driver's SIGALRM safety net. A BaseException so that a twin's
    ``except Exception`` cannot swallow it."""


class DriverInterrupted(BaseException):
    """Raised by the driver's SIGTERM handler, so that cleanup still runs."""


def scenario(scenario_id, defaults=None, method_independent=False):
    """Register a twin. ``defaults`` lists every accepted parameter with its default value;
    any other key in --params is a usage error. A ``method_independent`` twin ignores
    --method (it observes the interpreter, not a start method)."""

    def register(func):
        if scenario_id in SCENARIOS:
            raise RuntimeError(f"duplicate scenario id {scenario_id!r}")
        func.scenario_id = scenario_id
        func.param_defaults = dict(defaults or {})
        func.method_independent = method_independent
        SCENARIOS[scenario_id] = func
        return func

    return register


def merge_params(owner, defaults, given):
    """``defaults`` overridden by ``given`` (the --params JSON object, or None); a key not in
    ``defaults`` is a ParamError naming ``owner`` (used for scenarios and benchmarks alike)."""
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise ParamError("--params must be a JSON object")
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        accepted = ", ".join(sorted(defaults)) or "none"
        raise ParamError(f"unknown parameter(s) for {owner}: {', '.join(unknown)} (accepted: {accepted})")
    params = dict(defaults)
    params.update(given)
    return params


def resolve_params(func, given):
    return merge_params(func.scenario_id, func.param_defaults, given)


def require_choice(params, key, choices):
    value = params[key]
    if value not in choices:
        raise ParamError(f'parameter {key!r} must be one of {", ".join(choices)}, got {value!r}')
    return value


def require_int(params, key, lo=None, hi=None):
    value = params[key]
    # bool is an int subclass in Python; JSON true must not pass as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParamError(f"parameter {key!r} must be an integer, got {value!r}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ParamError(f"parameter {key!r} must be in [{lo}, {hi}], got {value!r}")
    return value


def require_number(params, key, lo, hi):
    value = params[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        raise ParamError(f"parameter {key!r} must be a number in [{lo}, {hi}], got {value!r}")
    return float(value)


# --- the canonical observation format ---------------------------------------------------

def fmt_value(value):
    """true/false, null, decimal integers, and strings as they are."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"no canonical form for {value!r}")


def observation(*pairs):
    """The one builder of a twin's observation: ``observation(("exitcode", -15), ("finally_ran", False))``
    -> ``{"exitcode": "-15", "finally_ran": "false"}``, an ordered dict (keys in the order given)
    of canonical strings (``fmt_value``). The driver emits it as the answer's ``observed`` JSON
    object; two observations compare with ``==``."""
    observed = {}
    for key, value in pairs:
        if not isinstance(key, str) or not key:
            raise TypeError(f"observation key must be a non-empty string, got {key!r}")
        if key in observed:
            raise ValueError(f"duplicate observation key {key!r}")
        observed[key] = fmt_value(value)
    return observed


def is_observation(value):
    """True for what ``observation`` builds (a dict of str -> str): the driver checks every
    twin's result with it before emitting it."""
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def tail(text, lines=4, max_chars=600):
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    out = " | ".join(line.strip() for line in kept)
    return out if len(out) <= max_chars else "..." + out[-max_chars:]


# --- the run context -----------------------------------------------------------------------

class RunContext(object):
    """What a twin gets from the driver. ``mp`` is ``multiprocessing.get_context(method)``
    (the driver never calls set_start_method). Every process a twin starts goes through
    ``start`` so that ``reap`` can kill and join it whatever happens."""

    def __init__(self, method, timeout, workdir, capture=None):
        self.method = method
        self.mp = multiprocessing.get_context(method) if method else None
        self.timeout = float(timeout)
        self.deadline = time.monotonic() + self.timeout
        self.workdir = workdir
        self.capture = capture
        self.started = []

    # Children block for longer than the run may last; they are killed by the parent (or
    # notice its death through the parent sentinel) long before this runs out.
    @property
    def child_block_seconds(self):
        return self.timeout + 30.0

    def remaining(self, cap=None):
        left = max(0.0, self.deadline - time.monotonic())
        return left if cap is None else min(left, cap)

    def process(self, target, args=(), daemon=None, name=None):
        return self.mp.Process(target=target, args=args, daemon=daemon, name=name)

    def start(self, target, args=(), daemon=None, name=None):
        p = self.process(target, args, daemon=daemon, name=name)
        p.start()
        self.started.append(p)
        return p

    def track(self, p):
        """For a Process started by the twin itself (e.g. to observe start() raising)."""
        if p not in self.started:
            self.started.append(p)
        return p

    def join(self, p, what, cap=None):
        p.join(self.remaining(cap))
        if p.is_alive():
            raise Hang(f"{what} (pid {p.pid}) still alive after join with the run's deadline "
                       f"({self.timeout:.1f} s run timeout)")
        return p.exitcode

    def wait_exit(self, p, what, cap=None):
        """Wait for ``p`` to end by polling ``is_alive()`` (waitpid WNOHANG) instead of joining:
        under fork, p's grandchildren inherit the write end of p's sentinel pipe, so
        ``p.join(timeout)`` waits out the whole timeout while they live even though p is dead."""
        deadline = time.monotonic() + self.remaining(cap)
        while p.is_alive():
            if time.monotonic() >= deadline:
                raise Hang(f"{what} (pid {p.pid}) still alive at the deadline")
            time.sleep(0.005)
        return p.exitcode

    def recv(self, conn, p, what, cap=None):
        """Wait for one message from ``p`` on ``conn`` or for ``p`` to die, whichever first."""
        budget = self.remaining(cap)
        ready = multiprocessing.connection.wait([conn, p.sentinel], timeout=budget)
        if conn in ready or conn.poll(0):
            try:
                return conn.recv()
            except EOFError:
                pass
        if p.sentinel in ready or not p.is_alive():
            p.join(1.0)
            raise EarlyExit(p.exitcode, f"{what}: child exited with {p.exitcode!r} before sending it")
        raise Hang(f"no {what} from pid {p.pid} within {budget:.1f} s")

    def result(self, async_result, what, cap=None):
        """``async_result.get`` (a Pool's AsyncResult) bounded by the run's deadline."""
        budget = self.remaining(cap)
        try:
            return async_result.get(budget)
        except multiprocessing.TimeoutError:
            raise Hang(f"{what}: no result within {budget:.1f} s")

    def stderr_mark(self):
        return self.capture.mark() if self.capture is not None else None

    def stderr_since(self, mark):
        """Everything written to the run's stderr capture (driver, children, forkserver, resource
        tracker: they all inherit it) since ``mark``. None when there is no capture."""
        if self.capture is None or mark is None:
            return None
        return self.capture.read_since(mark)

    def temp_path(self, stem):
        return os.path.join(self.workdir, f"{stem}-{os.getpid()}-{int(time.monotonic() * 1e6)}")

    def reap(self):
        """Kill and join every child still alive (ours and any multiprocessing knows of)."""
        procs = list(self.started)
        try:
            for p in multiprocessing.active_children():
                if p not in procs:
                    procs.append(p)
        except Exception:
            pass
        for p in procs:
            try:
                if p.is_alive():
                    p.kill()
            except Exception:
                pass
        for p in procs:
            try:
                p.join(2.0)
            except Exception:
                pass
        return [p.pid for p in procs if _safe_alive(p)]


def _safe_alive(p):
    try:
        return p.is_alive()
    except Exception:
        return False


# --- child-side helpers (run inside children) ---------------------------------------------

_BLOCK_SLICE = 0.1  # seconds; see block()


def block(seconds, watch_parent=True):
    """Block the calling child for at most ``seconds``. With ``watch_parent`` it returns as
    soon as its parent dies (multiprocessing's parent sentinel, 3.8+), so a child of a killed
    driver does not linger. Interruptible by signals (PEP 475 retries only after handlers ran)."""
    parent = multiprocessing.parent_process() if watch_parent else None
    deadline = time.monotonic() + seconds
    # In slices: PyPy runs a Python-level signal handler only when its interpreter checks for one, and a signal that
    # arrives after the last check but before the blocking call is entered does not interrupt it (seen: SIGINT to a
    # fork child left blocked in 4 of 40 runs, CPython 0 of 40). A slice's end is such a check.
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        if parent is not None and parent.sentinel is not None:
            if multiprocessing.connection.wait([parent.sentinel], timeout=min(left, _BLOCK_SLICE)):
                return
        else:
            time.sleep(min(left, _BLOCK_SLICE))


def no_core_dumps():
    """Deliberate crashes must leave no core file in the working directory."""
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    except Exception:
        pass


def noop():
    """The no-op target (benchmarks, grandchildren)."""
    return None


def send_peak_rss(conn):
    """Peak RSS of this child's own address space in KiB: VmHWM from /proc/self/status.

    Not getrusage's ru_maxrss: Linux's exec keeps the larger of the old and new address space's
    high-water mark (fs/exec.c, exec_mmap -> setmax_mm_hiwater_rss), and a child launched with
    vfork or posix_spawn runs exec on its *parent's* address space, so ru_maxrss reports the
    parent's peak. The engine's worker reports the same VmHWM, so both subjects measure alike."""
    peak = None
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1])
                    break
    except OSError:
        pass
    if peak is None:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    conn.send(peak)
    conn.close()


def write_marker(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def exit_with(code):
    sys.exit(code)
