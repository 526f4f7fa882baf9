using System.Diagnostics;
using Lab.Systematic.Coyote.Binding;
using Lab.Systematic.Seam;
using Microsoft.Coyote;
using Microsoft.Coyote.Logging;
using Microsoft.Coyote.SystematicTesting;

namespace Lab.Systematic.Coyote;

/// <summary>
/// Runs a seam program under Coyote's <see cref="TestingEngine"/>: each iteration calls the program's body with a
/// fresh <see cref="CoyoteSeam"/> on Coyote's main operation. The test delegate is made here, in the rewritten assembly,
/// so the engine finds it rewritten. Coyote's console output is discarded; what matters is read from its report.
/// </summary>
public static class CoyoteTester
{
    /// <exception cref="CoyoteBindingException">Coyote reported an internal error or concurrency the binding did
    /// not control: the comparison would be meaningless.</exception>
    public static CoyoteReport Explore(string program, Action<ISchedulingSeam> body, CoyoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var engine = TestingEngine.Create(settings.ToConfiguration(), () => body(new CoyoteSeam()));
        engine.SetLogger(Silent());
        var clock = Stopwatch.StartNew();
        engine.Run();
        var elapsed = clock.Elapsed;
        var report = engine.TestReport;
        ThrowIfBroken(program, report);
        var bug = report.NumOfFoundBugs > 0 ? CoyoteBug.FromReport(report.BugReports.First()) : null;
        return new CoyoteReport(program, settings.Strategy.Name, settings.Seed, report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths,
            elapsed, bug, bug is null ? null : engine.ReproducibleTrace);
    }

    /// <summary>Replays <paramref name="trace"/> (a <see cref="CoyoteReport.Trace"/>) on the program: Coyote follows
    /// the recorded schedule and stops with "Failed to reproduce the bug" if it cannot.</summary>
    public static CoyoteReplay Replay(string program, Action<ISchedulingSeam> body, string trace)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(trace);
        var configuration = Configuration.Create()
            .WithReproducibleTrace(trace)
            .WithPartiallyControlledConcurrencyAllowed(false)
            .WithTelemetryEnabled(false);
        using var engine = TestingEngine.Create(configuration, () => body(new CoyoteSeam()));
        engine.SetLogger(Silent());
        engine.Run();
        var report = engine.TestReport;
        ThrowIfBroken(program, report);
        return report.NumOfFoundBugs > 0 ? new CoyoteReplay(true, CoyoteBug.FromReport(report.BugReports.First())) : new CoyoteReplay(false, null);
    }

    private static void ThrowIfBroken(string program, TestReport report)
    {
        if (report.InternalErrors.Count > 0)
            throw new CoyoteBindingException($"{program}: Coyote reported an internal error: {report.InternalErrors.First()}");
        if (report.UncontrolledInvocations.Count > 0)
            throw new CoyoteBindingException($"{program}: the Coyote binding let uncontrolled concurrency through ({string.Join(", ", report.UncontrolledInvocations)}); is the assembly rewritten?");
    }

    private static TextWriterLogger Silent() => new(TextWriter.Null, VerbosityLevel.None);
}

/// <summary>Coyote could not run a program as the comparison needs (an internal error of Coyote, or concurrency the
/// binding did not put under Coyote's control): an error of the set-up, not a bug of the program.</summary>
public sealed class CoyoteBindingException(string message) : Exception(message);
