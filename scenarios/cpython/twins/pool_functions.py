"""The functions pool workers and forkserver children run for the twins of ``pool.py``: task
functions, initializers and the children's targets, with the module-level state they use.

They live apart from the scenarios (as ``bench_targets`` does for the benchmarks) and at module
level, so that spawn and forkserver children can unpickle them by qualified name
(``twins.pool_functions.square``) and import this module (seed 59.9). Importing it registers no
scenario. The fixed function set is shared with the engine
(scenarios/Lab.Scenarios/Areas/Pool/PoolFunctions.cs): square, negate, mod7, and raise13
(ValueError "multiple of 13: x" for x != 0 divisible by 13).
"""

import os
import threading

from ._common import block

# --- the fixed function set (properties and scenarios) ----------------------------------------

def square(x):
    return x * x


def negate(x):
    return -x


def mod7(x):
    return x % 7


def raise13(x):
    if x != 0 and x % 13 == 0:
        raise ValueError(f"multiple of 13: {x}")
    return x


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


FUNCTIONS = {"square": square, "negate": negate, "mod7": mod7, "raise13": raise13}
STAR_FUNCTIONS = {"add": add, "sub": sub}


def getpid(_=None):
    return os.getpid()


def chunk_of_task(x):
    """The first element of the chunk this task runs in: pool.py runs a chunk as ``mapstar(args)``, i.e.
    ``list(map(func, chunk))``, and the C ``map`` makes no frame, so the caller's frame is mapstar's."""
    import sys
    frame = sys._getframe(1)
    if frame.f_code.co_name != "mapstar":
        raise RuntimeError(f"chunk_of_task called from {frame.f_code.co_name}, not pool.py's mapstar")
    return frame.f_locals["args"][1][0]


# --- worker-side state set by initializers -----------------------------------------------------

_INIT_DIR = None
_INIT_COUNT = 0


def init_record(directory):
    """Initializer: counts its runs in this worker and leaves one file per run in ``directory``."""
    global _INIT_DIR, _INIT_COUNT
    _INIT_DIR = directory
    _INIT_COUNT += 1
    with open(os.path.join(directory, f"init-{os.getpid()}-{_INIT_COUNT}"), "w") as f:
        f.write("x")


def init_count(_=None):
    return _INIT_COUNT


def record_then_raise13(x):
    """Leaves a file per task run (side effects counted by the parent), then applies raise13."""
    with open(os.path.join(_INIT_DIR, f"task-{x}"), "w") as f:
        f.write("x")
    return raise13(x)


def announce_then_block(x):
    """Announces (file named by pid) that this worker runs a task, then blocks, so the parent can kill it."""
    with open(os.path.join(_INIT_DIR, f"started-{os.getpid()}"), "w") as f:
        f.write(str(x))
    block(120.0)
    return x


def init_fails():
    raise RuntimeError("lab initializer failed")


def return_lock(_=None):
    return threading.Lock()


# --- forkserver (start-methods area): children's targets -----------------------------------------

# Set at run time by the parent in start-methods.forkserver-server-state; a forkserver child is
# forked from the server, which never saw the assignment.
SERVER_STATE = "initial"


def report_server_state(conn):
    conn.send(SERVER_STATE)
    conn.close()


def report_preloaded(conn):
    import sys
    probe = sys.modules.get("twins.preload_probe")
    conn.send((probe is not None, getattr(probe, "LOADED_IN_PID", None), os.getpid()))
    conn.close()
