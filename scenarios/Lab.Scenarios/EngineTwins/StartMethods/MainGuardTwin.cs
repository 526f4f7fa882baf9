using OsProcess = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>
/// The engine's side of CPython's unguarded and guarded scripts (issue #11 §2): the lab's AOT worker host is an
/// application that is its own worker, and its Main can start a child of itself before or after the guard
/// (Lab.Scenarios.Worker.Aot/MainGuardDemo.cs). The application runs as a separate process, its output and its
/// children's read together, as the CPython twin reads the script's.
/// </summary>
public sealed class MainGuardTwin(string id, bool guarded) : EngineTwin
{
    public override string Id => id;

    public override string? NotOn(WorkerKind worker) => worker == WorkerKind.Jit
        ? "the JIT worker (Lab.Engine.Worker) never runs an application's Main, so there is nothing to guard; an application is its own worker on the engine-aot subject (a Native AOT binary always is)"
        : null;

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var host = AotWorker.Command?[0] ?? throw new InvalidOperationException("no AOT worker host is configured");
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.Environment[MainGuardVariable] = guarded ? "guarded" : "unguarded";
        info.Environment[MethodVariable] = context.StartMethod.ToName();
        using var app = OsProcess.Start(info) ?? throw new InvalidOperationException($"{host} did not start");
        app.StandardInput.Close();
        var stdout = app.StandardOutput.ReadToEndAsync();
        var stderr = app.StandardError.ReadToEndAsync();
        if (!app.WaitForExit(budget))
        {
            app.Kill(entireProcessTree: true);
            app.WaitForExit();
            return Run.Hang("the application");
        }
        app.WaitForExit();
        var text = stdout.Result + stderr.Result;
        var summary = text.Split('\n').LastOrDefault(l => l.StartsWith("main-guard demo", StringComparison.Ordinal)) ?? "no summary line";
        var bootstrapError = ("bootstrap_error", (object?)text.Contains("bootstrapping phase", StringComparison.Ordinal));
        // The guarded scenario also reports the child's exit code (the summary line's last word).
        var observed = guarded
            ? Observe.Pairs(("script_exitcode", app.ExitCode), ("child_exitcode", summary.Split(' ')[^1].Trim()), bootstrapError)
            : Observe.Pairs(("script_exitcode", app.ExitCode), bootstrapError);
        return new(observed,
            $"{summary.Trim()}; output tail: {string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(4))}");
    }

    // Lab.Scenarios.Worker.Aot/MainGuardDemo.cs reads them (the host is not referenced: it is published, not built in).
    private const string MainGuardVariable = "LAB_MAIN_GUARD_DEMO";
    private const string MethodVariable = "LAB_MAIN_GUARD_METHOD";
}
