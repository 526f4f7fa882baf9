using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Logging;

/// <summary>
/// Logging through a queue (seeds 59.25) when one of the logging workers is SIGKILLed (seeds 59.21: "killing a process
/// that is using a queue may corrupt it"). Survivors log half their records, which all reach the listener; a victim logs
/// a small marker and large records (1 MiB, more than a pipe holds) and is SIGKILLed, then the survivors log their second
/// half and exit. Two cases, so that no race decides the outcome:
/// <list type="bullet">
/// <item><c>between-records</c>: the victim has flushed (its queue's feeder wrote every record and ended), so it holds no
/// lock and no message is half written.</item>
/// <item><c>mid-write</c>: the parent's listener is held inside the handler of the victim's marker, so nobody reads the
/// pipe; the victim's feeder blocks writing its first large record into the full pipe, holding the queue's write lock,
/// and is killed once the record's bytes are buffered. Then the listener is let go.</item>
/// </list>
/// Observed: listener (stopped: stop() returned; broken: the listener ended by itself, the queue reported broken;
/// stalled: still reading STALL_GRACE s after it was let go), survivor_records (received from the survivors), whole and
/// per_worker_order (of those), victim_records (the victim's records received whole), survivors (exited: all exit 0;
/// failed: an exit code other than 0; blocked: still alive some seconds after they were told to log the rest).
/// </summary>
public sealed class KilledMidRecordScenario : Scenario
{
    public override string Id => "logging.killed-mid-record";
    public override string Rule => "A worker SIGKILLed while logging through a queue does not corrupt the listener: what it receives from the other workers is whole and in each worker's order, their later records arrive, the listener stops, and nothing hangs.";
    public override string Source => "seeds 59.25 Logging (a queue to a single listener); 59.21 Termination ('queues corrupted'); CPython docs, Process.terminate() warning and Queue 'killing a process that is using a queue'";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        Case("between-records", "listener=stopped;survivor_records=80;whole=true;per_worker_order=true;victim_records=5;survivors=exited"),
        Case("mid-write", "listener=broken;survivor_records=40;whole=true;per_worker_order=true;victim_records=1;survivors=failed"),
    ];

    /// <summary>CPython's (and PyPy's) queue: the dead victim keeps the write lock and left half a record in the pipe.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && (string)@case.Params["kill"]! == "mid-write"
            ? "listener=stalled;survivor_records=40;whole=true;per_worker_order=true;victim_records=1;survivors=blocked"
            : null;

    public override string IntendedDivergence =>
        "mid-write: a CPython worker killed inside its queue feeder's write leaves half a record in the pipe and the queue's write " +
        "lock held for ever. The QueueListener's get() reads the rest of that record without a deadline and never sees EOF (the " +
        "parent that created the queue holds its write end): the listener stalls, and its stop() could not even enqueue its " +
        "sentinel. The survivors' feeders wait for the lock for ever, so their later records never arrive and they cannot exit " +
        "(the queue's finalizer joins the feeder). No record is ever corrupted: the lock keeps every other writer out. The " +
        "engine's queue notices that the lock's holder died mid-message and marks the queue broken: the listener ends with " +
        "QueueBrokenError as its Fault and stops, and the survivors' next log calls raise QueueBrokenError (exit code 1) " +
        "instead of hanging. Their later records are lost on both. Between records nothing is held, and both deliver everything.";

    private static ScenarioCase Case(string kill, Observation expected) =>
        new($"kill={kill}", new Dictionary<string, object?> { ["kill"] = kill, ["workers"] = 2, ["records"] = 20, ["record_bytes"] = 1048576 }, expected);
}
