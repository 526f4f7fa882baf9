using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Queues;

/// <summary>
/// A producer is SIGKILLed while its feeder is writing a 64 MiB item (after Put returned and the item's first bytes
/// are in the pipe). outcome: item (the whole item came back), garbage (something else came back), empty (Empty),
/// broken (the queue says its stream is corrupted), blocked (Get had not returned 2 s after its 5 s timeout).
/// The engine's reader notices the writer died mid-message and breaks the queue. CPython's blocks: get(timeout)
/// bounds only the wait for the first byte, and the parent itself still holds the queue's write end (it created the
/// queue), so the rest of the frame never comes and no EOF either (its twin unblocks it by closing that end).
/// </summary>
public sealed class KilledMidPutScenario : Scenario
{
    public override string Id => "queues.killed-mid-put";
    public override string Rule => "A queue whose writer is killed in the middle of a message does not return garbage or hang: the next get reports the queue broken.";
    public override string Source => "seeds 59.21 Termination ('queues corrupted'); CPython docs, Process.terminate() warning; DESIGN.md ('Never hang')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("outcome=broken")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python ? "outcome=blocked" : null;

    public override string IntendedDivergence =>
        "CPython's Queue.get(timeout) bounds only the wait for a message's first byte; when the writer dies mid-message the reader " +
        "blocks forever for the rest, since the parent that created the queue still holds its write end (no EOF). The engine's " +
        "reader checks, whenever the stream stalls, whether the writer is still alive, and reports the queue broken instead of hanging.";
}
