using System.Text.Json;
using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>A sacrificial child forks and runs managed code in its forked copy; the parent reports how both ended.</summary>
public sealed class ForkCrashDemoTwin : EngineTwin
{
    public override string Id => "start-methods.fork-crash-demo";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        // The finding is about the JIT runtime (its W^X code heap mapped through shared memory), so the sacrificial child is a
        // JIT worker on the engine-aot subject too. On the Native AOT worker the forked copy ran managed code to the end and
        // both processes exited 0 (engine-aot, 2 of 2 runs, issue #11): no JIT code heap to share. Fork is no safer there
        // (the copy still has only the forking thread: no GC, finalizer or signal thread), it just failed to show.
        using var scope = new ChildScope(context.WithWorker(WorkerChoice.Jit), budget);
        var p = Run.ToEnd(scope, StartMethodTargets.ForkAndRunManagedCode, output: ProcessOutput.Capture);
        if (p is null) return Run.Hang("the forking process");
        // The forked copy is orphaned when the forking process crashes; if it has ended, reap it now.
        Lab.Engine.Diagnostics.OrphanReaper.ReapAdopted();
        var line = p.Stdout?.Split('\n').FirstOrDefault(l => l.StartsWith('{'));
        var forked = "unknown";
        var detail = $"the forking process exited with {p.ExitCode}";
        if (line is not null)
        {
            var report = JsonSerializer.Deserialize<JsonElement>(line);
            var code = report.GetProperty("exit_code");
            forked = report.GetProperty("timed_out").GetBoolean() ? "hung"
                : code.ValueKind == JsonValueKind.Null ? "unknown"
                : code.GetInt32() == 0 ? "completed" : $"crashed({code.GetInt32()})";
            detail += "; " + report.GetProperty("description").GetString();
        }
        else
        {
            detail += " before it could report what happened to its forked copy";
        }
        return new(Observe.Pairs(("forking_process_exitcode", p.ExitCode), ("forked_child", forked)), detail);
    }
}
