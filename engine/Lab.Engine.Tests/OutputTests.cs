using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>Where a child's output goes: inherited by default, as in CPython, or captured per stream.</summary>
public class OutputTests
{
    [Fact]
    public void ProcessOutputCapture_ChildWritesBothStreams_StdoutAndStderrCapturedSeparately()
    {
        using var p = new Process(Targets.Print, ["to stdout ✓\nline 2", "to stderr ✗"], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("to stdout ✓\nline 2", p.Stdout);
        Assert.Equal("to stderr ✗", p.Stderr);
    }

    [Fact]
    public void ProcessOutputCapture_BeforeExit_IsNull()
    {
        using var handshake = new Handshake();
        using var p = new Process(Targets.ReadyThenSleep, [handshake.Path], output: ProcessOutput.Capture);
        p.Start();
        handshake.Receive(p, Limits.Join);
        Assert.Null(p.Stdout);
        Assert.Null(p.Stderr);
        p.Kill();
        p.JoinOrFail();
        Assert.Equal("", p.Stdout);
    }

    [Fact]
    public void ProcessOutput_Default_IsInheritedFromTheParent()
    {
        using var handshake = new Handshake();
        using var p = new Process(Targets.ReportStdoutTarget, [handshake.Path]);
        p.Start();
        var childStdout = handshake.Receive(p, Limits.Join);
        p.JoinOrFail();
        Assert.Equal(0, p.ExitCode);
        // The same open file description (e.g. the same "pipe:[inode]") as this process's stdout.
        Assert.Equal(Targets.StdoutTarget(), childStdout);
        Assert.Null(p.Stdout);
        Assert.Null(p.Stderr);
    }

    [Fact]
    public void ProcessOutputCapture_ChildStdout_IsNotTheParentsStdout()
    {
        using var handshake = new Handshake();
        using var p = new Process(Targets.ReportStdoutTarget, [handshake.Path], output: ProcessOutput.Capture);
        p.Start();
        var childStdout = handshake.Receive(p, Limits.Join);
        p.JoinOrFail();
        Assert.StartsWith("pipe:", childStdout);
        Assert.NotEqual(Targets.StdoutTarget(), childStdout);
    }
}
