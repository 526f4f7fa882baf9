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
        using var scope = new ChildScope(context, budget);
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
