using System.Text.Json.Nodes;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Runtime;
using Lab.Systematic.Traces;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>
/// Replay (issue #5 §1): a recorded failure, from its trace file or its token, replays to the same bug; a trace that
/// does not match the program is reported as "trace is not reproducible at step N" at the step that differs.
/// </summary>
public sealed class ReplayTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"lab-systematic-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private static (CorpusProgram Program, ExplorationReport Report, ExplorationSettings Settings) Failing(string name = "queue-close-race")
    {
        var program = BugCorpus.All.Single(p => p.Name == name);
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = program.Budget };
        var report = Explorer.Explore(program.Buggy, settings);
        Assert.True(report.Failure is not null, Explain.Report(report, settings));
        return (program, report, settings);
    }

    private string Write(Schedule schedule)
    {
        var path = Path.Combine(directory, $"{schedule.Program}.trace.json");
        TraceFile.Write(path, schedule, $"lab replay {path}");
        return path;
    }

    [Fact]
    public void Replay_RecordedFailureFromTraceFile_ReproducesSameBug()
    {
        var (program, report, settings) = Failing();
        var failure = report.Failure!;
        var path = Write(failure.Reported);
        var loaded = TraceFile.Read(path);
        var outcome = Replayer.Replay(program.Buggy, loaded);
        Assert.True(outcome.Reproducible, $"{outcome.Message}\n{Explain.Report(report, settings)}");
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(failure.Bug.Signature, outcome.Bug!.Signature);
            Assert.Equal(failure.Bug.Step, outcome.Bug.Step);
            Assert.Equal(failure.Reported.Steps.Select(s => s.ToString()), outcome.Run.Steps.Select(s => s.ToString()));
        });
    }

    [Fact]
    public void Replay_RecordedFailureFromToken_ReproducesSameBug()
    {
        var (program, report, settings) = Failing("lock-order-deadlock");
        var outcome = Replayer.Replay(program.Buggy, ReplayToken.Decode(report.Failure!.Token));
        Assert.True(outcome.Reproducible, $"{outcome.Message}\n{Explain.Report(report, settings)}");
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(BugKind.Deadlock, outcome.Bug!.Kind);
            Assert.Equal(report.Failure.Bug.Message, outcome.Bug.Message);
        });
    }

    [Fact]
    public void Replay_UnshrunkScheduleAsFound_ReproducesSameBug()
    {
        var (program, report, settings) = Failing("double-release");
        var outcome = Replayer.Replay(program.Buggy, report.Failure!.Found);
        Assert.True(outcome.Reproducible, $"{outcome.Message}\n{Explain.Report(report, settings)}");
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(report.Failure.Found.Bug!.Signature, outcome.Bug!.Signature);
        });
    }

    [Fact]
    public void Replay_TamperedSchedulingPoint_IsNotReproducibleAtThatStep()
    {
        var (program, report, settings) = Failing();
        var path = Write(report.Failure!.Reported);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var steps = json["steps"]!.AsArray();
        var index = steps.Count / 2;
        while (!steps[index]!.GetValue<string>().Contains("sp(", StringComparison.Ordinal)) index++;
        var original = steps[index]!.GetValue<string>();
        steps[index] = original.Contains("sp(Write)", StringComparison.Ordinal)
            ? original.Replace("sp(Write)", "sp(Read)", StringComparison.Ordinal)
            : original.Replace(original[original.IndexOf("sp(", StringComparison.Ordinal)..original.IndexOf("),next", StringComparison.Ordinal)], "sp(Write", StringComparison.Ordinal);
        File.WriteAllText(path, json.ToJsonString());

        var outcome = Replayer.Replay(program.Buggy, TraceFile.Read(path));
        Assert.False(outcome.Reproducible, $"tampered step {index + 1} ({original} -> {steps[index]}) went unnoticed\n{Explain.Report(report, settings)}");
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(index + 1, outcome.MismatchStep);
            Assert.StartsWith($"trace is not reproducible at step {index + 1}", outcome.Message);
        });
    }

    [Fact]
    public void Replay_TamperedChoiceOfIneligibleOperation_IsNotReproducibleAtThatStep()
    {
        var (program, report, settings) = Failing();
        var steps = report.Failure!.Reported.Steps.ToArray();
        var index = Array.FindIndex(steps, 2, s => s.Type == StepType.Schedule);
        steps[index] = steps[index] with { Choice = 42 };
        var outcome = Replayer.Replay(program.Buggy, report.Failure.Reported with { Steps = steps });
        Assert.False(outcome.Reproducible, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(index + 1, outcome.MismatchStep);
            Assert.Contains("op 42 is not eligible", outcome.Message);
        });
    }

    [Fact]
    public void Replay_TruncatedTrace_IsNotReproducibleAfterItsLastStep()
    {
        var (program, report, settings) = Failing();
        var steps = report.Failure!.Reported.Steps;
        var outcome = Replayer.Replay(program.Buggy, report.Failure.Reported with { Steps = steps.Take(steps.Count - 3).ToArray() });
        Assert.False(outcome.Reproducible, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(steps.Count - 2, outcome.MismatchStep);
            Assert.StartsWith($"trace is not reproducible at step {steps.Count - 2}: the trace has {steps.Count - 3} steps", outcome.Message);
        });
    }

    [Fact]
    public void Replay_TraceRecordingAnotherBug_IsNotReproducible()
    {
        var (program, report, settings) = Failing();
        var other = report.Failure!.Reported with { Bug = report.Failure.Bug with { Kind = BugKind.Deadlock } };
        var outcome = Replayer.Replay(program.Buggy, other);
        Assert.False(outcome.Reproducible, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Contains("the trace ends in deadlock", outcome.Message);
        });
    }

    [Fact]
    public void ReplayToken_RoundTrip_KeepsEverything()
    {
        var (_, report, _) = Failing("publish-before-init");
        var schedule = report.Failure!.Reported;
        var decoded = ReplayToken.Decode(report.Failure.Token);
        Explain.Within(Explain.Schedule(schedule, report.Failure.Token), () =>
        {
            Assert.Equal(schedule.Program, decoded.Program);
            Assert.Equal(schedule.Strategy, decoded.Strategy);
            Assert.Equal(schedule.Seed, decoded.Seed);
            Assert.Equal(schedule.Iteration, decoded.Iteration);
            Assert.Equal(schedule.MaxSteps, decoded.MaxSteps);
            Assert.Equal(schedule.Bug!.Kind, decoded.Bug!.Kind);
            Assert.Equal(schedule.Bug.Step, decoded.Bug.Step);
            Assert.Equal(schedule.Steps.Select(s => s.ToString()), decoded.Steps.Select(s => s.ToString()));
        });
    }

    [Fact]
    public void ReplayToken_DamagedToken_IsRejected()
    {
        var (_, report, _) = Failing("publish-before-init");
        var token = report.Failure!.Token;
        var damaged = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        Assert.Throws<FormatException>(() => ReplayToken.Decode(damaged));
        Assert.Throws<FormatException>(() => ReplayToken.Decode("not-a-token"));
    }

    [Theory]
    [InlineData("op(0),sp(Create),next(1)")]
    [InlineData("op(3),sp(Complete),next(0)")]
    [InlineData("op(1),bool(true)")]
    [InlineData("op(2),bool(false)")]
    [InlineData("op(1),int(7)")]
    public void TraceStep_TextForm_RoundTrips(string text) => Assert.Equal(text, TraceStep.Parse(text).ToString());

    [Theory]
    [InlineData("op(0),sp(Teleport),next(1)")]
    [InlineData("op(x),sp(Read),next(1)")]
    [InlineData("op(0),next(1)")]
    public void TraceStep_MalformedText_IsRejected(string text) => Assert.Throws<FormatException>(() => TraceStep.Parse(text));

    [Fact]
    public void TraceFile_WriteRead_KeepsSettingsAndSteps()
    {
        var (_, report, _) = Failing("missed-signal");
        var schedule = report.Failure!.Reported;
        var loaded = TraceFile.Read(Write(schedule));
        Explain.Within(Explain.Schedule(schedule, report.Failure.Token), () =>
        {
            Assert.Equal(schedule.Program, loaded.Program);
            Assert.Equal(schedule.Seed, loaded.Seed);
            Assert.Equal(schedule.Bug, loaded.Bug);
            Assert.Equal(schedule.Shrunk, loaded.Shrunk);
            Assert.Equal(schedule.Steps.Select(s => s.ToString()), loaded.Steps.Select(s => s.ToString()));
            Assert.Equal(SchedulingPointKind.Create, loaded.Steps[0].Kind);
        });
    }
}
