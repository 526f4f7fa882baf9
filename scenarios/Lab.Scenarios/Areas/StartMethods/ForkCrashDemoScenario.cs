using System.Text.Json;
using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>
/// The finding behind "the engine has no fork". A sacrificial engine child calls fork() and lets its forked
/// copy run managed code. What this lab observed on .NET 10: the forked copy runs, and it is the *forking*
/// process that then dies by SIGSEGV; with DOTNET_EnableWriteXorExecute=0 both survive. The runtime's W^X
/// scheme maps JIT'd code through shared memory, so after fork() the two processes write each other's code
/// heap. Either way a .NET runtime cannot continue safely after fork().
/// </summary>
public sealed class ForkCrashDemoScenario : Scenario
{
    private const string Unharmed = "forking_process_exitcode=0;forked_child=completed";

    public override string Id => "start-methods.fork-crash-demo";
    public override string Rule => "A .NET process that forks and runs managed code in the child does not survive intact: the child or the parent crashes or hangs.";
    public override string Source => "seeds 59.5 fork ('unsafe after threads have started', 'inherits partially initialized runtime state'); DESIGN.md, 'Why the engine has no fork'";
    public override ScenarioKind Kind => ScenarioKind.Finding;
    public override bool HasCpythonTwin => false;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("not " + Unharmed)];

    public override bool Matches(string expected, string observed) => observed != Unharmed && observed != Observation.Hang;

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
