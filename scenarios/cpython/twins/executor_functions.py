"""What ProcessPoolExecutor workers run for the twins of ``executor.py`` (module level, so spawn and
forkserver workers unpickle them by qualified name, seed 59.9). The task functions shared with the
pool twins (square, raise13, getpid) come from ``pool_functions``; the engine's side is
scenarios/Lab.Scenarios/EngineTwins/Executor/ExecutorFunctions.cs."""

import time

_STARTED = None
_RELEASE = None


def keep_events(started, release):
    """Initializer: the events reach the worker through initargs (inherited at its start)."""
    global _STARTED, _RELEASE
    _STARTED, _RELEASE = started, release


def block(x):
    """Says it runs (sets ``started``), then waits (bounded) until the parent sets ``release``."""
    _STARTED.set()
    _RELEASE.wait(120)
    return x


def start_then_sleep(x):
    """Sets ``started``, then sleeps (bounded): the parent kills this worker. It never waits on ``release``: a
    worker killed inside Event.wait would leave the Condition's sleeper count behind, and the parent's
    ``release.set()`` (Condition.notify_all waits for each sleeper to wake) would block for ever."""
    _STARTED.set()
    time.sleep(120)
    return x
