using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests.Forking;

/// <summary>Process semantics under the forkserver start method (issue #6 §6): the same exit codes, signals,
/// join and output as spawn (seeds 59.11, 59.20, 59.21).</summary>
[Collection(ForkServerCollection.Name)]
public class ForkServerProcessTests
{
    private static readonly ProcessContext Context = Multiprocessing.GetContext(StartMethod.ForkServer);

    [Fact]
    public void ForkServerProcess_Noop_ExitsZeroWithForkServerStartMethod()
    {
        using var p = Context.Process(Targets.Noop).RunToEnd();
        Assert.Equal(StartMethod.ForkServer, p.StartMethod);
        Assert.Equal(0, p.ExitCode);
        Assert.NotNull(p.Pid);
        Assert.False(p.IsAlive);
    }

    [Fact]
    public void ForkServerChild_CurrentProcess_NamesForkServerAndTheRealParent()
    {
        using var p = Context.Process(ForkServerTargets.ExitWithStartMethodAndParent, [Environment.ProcessId]).RunToEnd();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>A pre-started worker keeps the runtime's SIGINT handler for a target that asks for it, as a spawned
    /// child does (InterruptTests; Processes/Interrupts.cs).</summary>
    [Fact]
    public void ForkServerChild_HandledSigint_FinallyRuns_ExitCodeIs1()
    {
        using var ready = new Handshake();
        using var done = new Handshake();
        using var p = Context.Process(InterruptTargets.WaitThenEndByInterrupt, [ready.Path, done.Path]);
        p.Start();
        ready.Receive(p, Limits.Join);
        p.Interrupt();
        Assert.Equal("finally", done.Receive(p, Limits.Join));
        p.JoinOrFail();
        Assert.Equal(1, p.ExitCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(255)]
    public void ForkServerProcess_SystemExit_ExitCodeIsTheCode(int code)
    {
        using var p = Context.Process(Targets.ExitWith, [code]).RunToEnd();
        Assert.Equal(code, p.ExitCode);
    }

    [Fact]
    public void ForkServerProcess_UnhandledException_ExitCodeOneWithRemoteError()
    {
        using var p = Context.Process(Targets.Throw, ["boom"], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal(typeof(InvalidOperationException).FullName, p.Error?.Type);
        Assert.Contains("boom", p.Stderr);
    }

    [Fact]
    public void ForkServerProcess_Abort_ExitCodeMinusSix()
    {
        using var p = Context.Process(Targets.Abort, output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(-6, p.ExitCode);
    }

    [Fact]
    public void ForkServerProcess_Terminate_ExitCodeMinusFifteen()
    {
        using var handshake = new Handshake();
        using var p = Context.Process(Targets.ReadyThenSleep, [handshake.Path]);
        p.Start();
        handshake.Receive(p, Limits.Join);
        p.Terminate();
        p.JoinOrFail();
        Assert.Equal(-15, p.ExitCode);
    }

    [Fact]
    public void ForkServerProcess_Kill_ExitCodeMinusNine()
    {
        using var handshake = new Handshake();
        using var p = Context.Process(Targets.ReadyThenSleep, [handshake.Path]);
        p.Start();
        handshake.Receive(p, Limits.Join);
        p.Kill();
        p.JoinOrFail();
        Assert.Equal(-9, p.ExitCode);
        p.Kill(); // a no-op once reaped, as in CPython
    }

    [Fact]
    public void ForkServerProcess_JoinWithTimeoutWhileRunning_ReturnsFalseAndStaysAlive()
    {
        using var handshake = new Handshake();
        using var p = Context.Process(Targets.ReadyThenSleep, [handshake.Path]);
        p.Start();
        handshake.Receive(p, Limits.Join);
        Assert.False(p.Join(TimeSpan.Zero));
        Assert.True(p.IsAlive);
        Assert.Null(p.ExitCode);
        p.Kill();
        p.JoinOrFail();
    }

    [Fact]
    public void ForkServerProcess_CapturedOutput_ReachesTheParent()
    {
        using var p = Context.Process(Targets.Print, ["to out", "to err"], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("to out", p.Stdout);
        Assert.Contains("to err", p.Stderr);
    }

    [Fact]
    public void ForkServerProcess_InheritedOutput_IsTheParentsStdout()
    {
        using var handshake = new Handshake();
        using var p = Context.Process(Targets.ReportStdoutTarget, [handshake.Path]);
        p.Start();
        var childStdout = handshake.Receive(p, Limits.Join);
        p.JoinOrFail();
        Assert.Equal(Targets.StdoutTarget(), childStdout);
    }

    [Fact]
    public void ForkServerProcesses_ManyInSequence_AllExitWithTheirCodes()
    {
        for (var i = 0; i < 8; i++)
        {
            using var p = Context.Process(Targets.ExitWith, [i]).RunToEnd();
            Assert.Equal(i, p.ExitCode);
        }
    }
}
