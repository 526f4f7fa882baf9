"""CPython twins of the lab's scenarios, one module per area.

``SCENARIOS`` maps a scenario id to ``function(ctx, params) -> (observed, detail)``, where
``observed`` is built by ``_common.observation``; see
``_common`` for the contracts. Importing this package imports every area so that the registry
is complete, in the parent and in spawn/forkserver children alike.
"""

from ._common import SCENARIOS as _REGISTERED
from . import isolation, exit_codes, termination, pickling, start_methods  # noqa: F401
from . import pipes, queues, shared_memory, sync, pool, descriptors, output, logging_queue, executor  # noqa: F401
from . import managers  # noqa: F401

# The catalog order (README's table; `lab_driver.py list` prints the ids sorted).
ORDER = (
    "isolation.mutation-invisible",
    "isolation.global-invisible",
    "start-methods.child-sees-parent-state",
    "exit-codes.explicit-exit",
    "exit-codes.return",
    "exit-codes.unhandled-exception",
    "exit-codes.signal",
    "exit-codes.exit-137-vs-sigkill",
    "exit-codes.system-exit-values",
    "termination.terminate-skips-finally",
    "termination.cooperative-shutdown-runs-finally",
    "termination.join-timeout-leaves-alive",
    "termination.daemon-dies-with-parent",
    "termination.daemon-cannot-have-children",
    "pickling.closure-target-refused",
    "pickling.unserializable-argument-refused",
    "start-methods.available",
    "start-methods.default",
    "start-methods.main-guard",
    "start-methods.random-after-fork",
    "pipes.messages-not-merged",
    "pipes.eof-after-peer-close",
    "pipes.wrong-end-refused",
    "pipes.buffer-too-short-keeps-message",
    "pipes.poll-timeouts",
    "pipes.killed-writer-mid-message",
    "queues.fifo-per-producer",
    "queues.get-timeout-empty",
    "queues.put-timeout-full",
    "queues.closed-queue-put",
    "queues.task-done-too-many",
    "queues.join-deadlock-hazard",
    "queues.killed-mid-put",
    "shared-memory.size-zero-refused",
    "shared-memory.attach-missing",
    "shared-memory.create-existing",
    "shared-memory.unlink-twice",
    "shared-memory.child-writes-visible",
    "shared-memory.locked-counter",
    "shared-memory.unlocked-counter",
    "shared-memory.killed-owner-entry",
    "sync.lock-release-unlocked",
    "sync.lock-released-by-other-process",
    "sync.rlock-non-owner-release",
    "sync.bounded-semaphore-over-release",
    "sync.event-wakes-child",
    "sync.condition-notify",
    "sync.barrier-indices",
    "sync.barrier-timeout-breaks",
    "sync.killed-holder-keeps-lock",
    "sync.cooperative-shutdown-event",
    "pool.map-order",
    "pool.imap-unordered-permutation",
    "pool.imap-continues-after-error",
    "pool.starmap",
    "pool.empty-input",
    "pool.default-chunksize",
    "pool.task-exception",
    "pool.unserializable-result",
    "pool.initializer-once-per-worker",
    "pool.maxtasksperchild-replaces-workers",
    "pool.failing-initializer",
    "pool.worker-killed-during-map",
    "pool.use-after-close",
    "pool.bad-arguments",
    "pool.property-case",
    "start-methods.forkserver-server-state",
    "start-methods.forkserver-preload",
    "descriptors.unpassed-invisible",
    "descriptors.passed-only",
    "descriptors.open-file-argument",
    "descriptors.initializer-reopens",
    "output.small-writes-whole",
    "output.large-writes-may-interleave",
    "logging.queue-records-whole",
    "executor.map-order",
    "executor.task-exception",
    "executor.cancel-before-start",
    "executor.shutdown-cancel-futures",
    "executor.worker-killed",
    "executor.max-tasks-per-child",
    "executor.lambda-refused",
    "managers.child-appends",
    "managers.isolation-versus-managed",
    "managers.proxy-after-shutdown",
    "managers.killed-manager",
    "managers.concurrent-appends",
    "managers.unauthenticated-refused",
)

if set(ORDER) != set(_REGISTERED) or len(ORDER) != len(_REGISTERED):
    raise RuntimeError(f"twins.ORDER and the registered scenarios differ: {sorted(set(ORDER) ^ set(_REGISTERED))!r}")

SCENARIOS = dict((sid, _REGISTERED[sid]) for sid in ORDER)
