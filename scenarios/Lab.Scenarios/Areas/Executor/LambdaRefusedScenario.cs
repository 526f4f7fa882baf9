using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>submit(lambda x: x + 1, 1): the card's trap. A lambda cannot be pickled, so it never runs in a worker; the
/// executor stays usable (square(3) = 9 afterwards). CPython pickles call items in its call queue's feeder thread, under
/// every start method (fork included), and fails the future (process.py _SafeQueue._on_queue_feeder_error); the engine
/// refuses the lambda in Submit itself (its target rule), before anything is sent.</summary>
public sealed class LambdaRefusedScenario : ExecutorScenario
{
    public override string Id => "executor.lambda-refused";
    public override string Rule => "A lambda or closure submitted to the executor is refused and never runs in a worker; the executor stays usable.";
    public override string Source => base.Source + "; card, Common trap";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true;raised_at=submit;usable_after=true")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python ? (Observation)"refused=true;raised_at=result;usable_after=true" : null;

    public override string IntendedDivergence =>
        "Where the refusal surfaces: CPython's submit returns a future and its call-queue feeder thread fails that future with the " +
        "PicklingError (process.py _SafeQueue._on_queue_feeder_error); the engine validates the target in Submit (InvalidTargetError, " +
        "its target rule for Process and Pool) so the caller sees it at once. On both the lambda never runs and the executor stays usable.";
}
