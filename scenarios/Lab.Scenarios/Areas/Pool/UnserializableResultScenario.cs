using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>A task returns a value that cannot be sent back (CPython: a lock, MaybeEncodingError; the engine: a value
/// outside the channel's tag set). That task fails with a serialization error and the worker lives on.</summary>
public sealed class UnserializableResultScenario : PoolScenario
{
    public override string Id => "pool.unserializable-result";
    public override string Rule => "A task whose result cannot be serialized fails with a serialization error; the worker survives (same pid afterwards).";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [ScenarioCase.Single("task_failed=true;error=serialization_error;worker_pid_unchanged=true")];
}
