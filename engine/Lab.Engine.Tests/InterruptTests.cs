using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>
/// The cooperative KeyboardInterrupt and the group shutdown (issue #13 §1, engine/Lab.Engine/Processes/Interrupts.cs and
/// GroupShutdown.cs). Signals are sent only after the child's handshake says it has asked to handle them; a child that
/// does not ask dies by them (SignalExitCodeTests).
/// </summary>
public class InterruptTests
{
    [Theory]
    [InlineData(Libc.SIGINT)]
    [InlineData(Libc.SIGTERM)]
    public void HandledSignal_EndsTheTargetByCancellation_FinallyRuns_ExitCodeIs1(int signal)
    {
        using var ready = new Handshake();
        using var done = new Handshake();
        using var p = new Process(InterruptTargets.WaitThenEndByInterrupt, [ready.Path, done.Path], output: ProcessOutput.Capture);
        p.Start();
        ready.Receive(p, Limits.Join);
        Assert.Equal(0, Libc.kill(p.Pid!.Value, signal));
        Assert.Equal("finally", done.Receive(p, Limits.Join));
        p.JoinOrFail();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal("KeyboardInterrupt", p.Error?.Type);
        Assert.Contains("KeyboardInterrupt: interrupted by " + (signal == Libc.SIGINT ? "SIGINT" : "SIGTERM"), p.Stderr);
    }

    [Fact]
    public void HandledSignal_TargetIgnoresTheToken_SecondSignalTakesTheDefaultAction()
    {
        using var ready = new Handshake();
        using var seen = new Handshake();
        using var p = new Process(InterruptTargets.IgnoreTheToken, [ready.Path, seen.Path]);
        p.Start();
        ready.Receive(p, Limits.Join);
        p.Interrupt();
        Assert.Equal("seen", seen.Receive(p, Limits.Join));
        Assert.False(p.Join(TimeSpan.Zero), "the first SIGINT only cancels the token");
        p.Interrupt();
        p.JoinOrFail();
        Assert.Equal(-Libc.SIGINT, p.ExitCode);
    }

    /// <summary>Ctrl-C during a pool map (seeds 59.26): the map's wait raises in the parent and leaving the pool's using
    /// block terminates its workers, as CPython's `with Pool()` does after KeyboardInterrupt.</summary>
    [Fact]
    public void HandledSignal_InterruptsAPoolMapInTheParent_WorkersEnd()
    {
        using var ready = new Handshake();
        using var done = new Handshake();
        using var p = new Process(InterruptTargets.MapUntilInterrupted, [ready.Path, done.Path], output: ProcessOutput.Capture);
        p.Start();
        var workers = ready.Receive(p, Limits.Join).Split(',').Select(int.Parse).ToList();
        Assert.Equal(2, workers.Count);
        var watches = workers.Select(pid => new NonChildWatch(pid)).ToList();
        try
        {
            p.Interrupt();
            Assert.Equal($"interrupted {Libc.SIGINT}", done.Receive(p, Limits.Join));
            p.JoinOrFail();
            Assert.Equal(0, p.ExitCode);
            foreach (var watch in watches) Assert.True(watch.WaitEnded(Limits.Disappear), "a pool worker outlived its terminated pool");
        }
        finally
        {
            foreach (var watch in watches) watch.Dispose();
        }
    }

    [Fact]
    public void HandledSignal_InterruptsJoinOnce_TheCleanupJoinWaits()
    {
        using var ready = new Handshake();
        using var done = new Handshake();
        using var p = new Process(InterruptTargets.JoinUntilInterrupted, [ready.Path, done.Path], output: ProcessOutput.Capture);
        p.Start();
        ready.Receive(p, Limits.Join);
        p.Terminate();
        Assert.Equal($"interrupted {Libc.SIGTERM}; joined again True, exit code -15", done.Receive(p, Limits.Join));
        p.JoinOrFail();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void ShutdownChildren_TerminatesPools_AsksChildren_KillsTheRestAtTheDeadline()
    {
        using var done = new Handshake();
        using var p = new Process(InterruptTargets.ShutdownGroup, [done.Path], output: ProcessOutput.Capture);
        p.Start();
        var report = done.Receive(p, Limits.Join);
        p.JoinOrFail();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("cooperative=1/ended finally=finally stubborn=-9/killed plain=-15/ended map=failed pool-workers=0 outcomes=3", report);
    }

    [Fact]
    public void ShutdownChildren_NegativeDeadline_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Multiprocessing.ShutdownChildren(TimeSpan.FromSeconds(-1)));
}
