using System.Text.RegularExpressions;
using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>The Process object's life cycle and its misuse errors, with CPython's messages
/// (multiprocessing/process.py: start, join, close, daemon, is_alive, terminate).</summary>
public class ProcessApiTests
{
    [Fact]
    public void ProcessStart_Twice_ThrowsCannotStartTwice()
    {
        using var p = new Process(Targets.Noop);
        p.Start();
        var e = Assert.Throws<ProcessStateError>(p.Start);
        Assert.Equal("cannot start a process twice", e.Message);
        p.JoinOrFail();
        Assert.Equal("cannot start a process twice", Assert.Throws<ProcessStateError>(p.Start).Message);
    }

    [Fact]
    public void ProcessJoin_BeforeStart_ThrowsCanOnlyJoinAStartedProcess()
    {
        using var p = new Process(Targets.Noop);
        var e = Assert.Throws<ProcessStateError>(() => p.Join(TimeSpan.FromSeconds(1)));
        Assert.Equal("can only join a started process", e.Message);
    }

    [Fact]
    public void ProcessState_BeforeStart_IsNotAliveWithoutPidOrExitCode()
    {
        using var p = new Process(Targets.Noop);
        Assert.False(p.IsAlive);
        Assert.Null(p.Pid);
        Assert.Null(p.ExitCode);
        Assert.Null(p.Error);
        Assert.Contains("initial", p.ToString());
    }

    [Fact]
    public void ProcessClose_WhileAlive_ThrowsThenSucceedsAfterJoin()
    {
        using var handshake = new Handshake();
        using var p = new Process(Targets.ReadyThenSleep, [handshake.Path]);
        p.Start();
        handshake.Receive(p, Limits.Join);
        var e = Assert.Throws<ProcessStateError>(p.Close);
        Assert.StartsWith("Cannot close a process while it is still running", e.Message);
        Assert.True(p.IsAlive);

        p.Kill();
        p.JoinOrFail();
        p.Close();
        p.Close();
    }

    public static TheoryData<string, Action<Process>> UsesAfterClose => new()
    {
        { "Start", p => p.Start() },
        { "Join", p => p.Join(TimeSpan.Zero) },
        { "Pid", p => _ = p.Pid },
        { "ExitCode", p => _ = p.ExitCode },
        { "IsAlive", p => _ = p.IsAlive },
        { "Terminate", p => p.Terminate() },
        { "Kill", p => p.Kill() },
    };

    [Theory]
    [MemberData(nameof(UsesAfterClose))]
    public void ProcessAnyUse_AfterClose_ThrowsProcessObjectIsClosed(string use, Action<Process> action)
    {
        using var p = new Process(Targets.Noop).RunToEnd();
        p.Close();
        var e = Assert.Throws<ProcessStateError>(() => action(p));
        Assert.True(e.Message == "process object is closed", $"{use}: {e.Message}");
    }

    [Fact]
    public void ProcessDaemon_SetAfterStart_ThrowsAndKeepsTheValue()
    {
        using var p = new Process(Targets.Noop);
        p.Daemon = true;
        p.Daemon = false;
        p.Start();
        var e = Assert.Throws<ProcessStateError>(() => p.Daemon = true);
        Assert.Equal("process has already started", e.Message);
        Assert.False(p.Daemon);
        p.JoinOrFail();
    }

    [Fact]
    public void ProcessJoin_TimeoutOnRunningChild_ReturnsFalseAndChildStaysAlive()
    {
        using var handshake = new Handshake();
        using var p = new Process(Targets.ReadyThenSleep, [handshake.Path]);
        p.Start();
        handshake.Receive(p, Limits.Join);
        // The child never exits on its own, so the outcome does not depend on how long the wait is.
        Assert.False(p.Join(TimeSpan.FromMilliseconds(50)));
        Assert.False(p.Join(TimeSpan.Zero));
        Assert.True(p.IsAlive);
        Assert.Null(p.ExitCode);
        Assert.Null(p.Error);
        p.Kill();
        p.JoinOrFail();
        Assert.False(p.IsAlive);
    }

    [Fact]
    public void ProcessTerminateAndKill_AfterExit_AreNoOps()
    {
        using var p = new Process(Targets.ExitWith, [4]).RunToEnd();
        p.Terminate();
        p.Kill();
        Assert.True(p.Join(TimeSpan.Zero));
        Assert.Equal(4, p.ExitCode);
        Assert.False(p.IsAlive);
    }

    [Fact]
    public void ProcessName_Default_IsProcessDashCounter()
    {
        using var first = new Process(Targets.Noop);
        using var second = new Process(Targets.Noop);
        var a = Regex.Match(first.Name, @"^Process-(\d+)$");
        var b = Regex.Match(second.Name, @"^Process-(\d+)$");
        Assert.True(a.Success, first.Name);
        Assert.True(b.Success, second.Name);
        Assert.True(int.Parse(b.Groups[1].Value) > int.Parse(a.Groups[1].Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("worker ünïcode")]
    public void CurrentProcessName_InsideChild_EqualsTheProcessName(string? name)
    {
        using var p = new Process(Targets.PrintName, name: name, output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(p.Name, p.Stdout);
        if (name is not null) Assert.Equal(name, p.Stdout);
    }

    [Fact]
    public void CurrentProcessName_InTheTestProcess_IsMainProcess()
    {
        Assert.Equal("MainProcess", CurrentProcess.Name);
        Assert.False(CurrentProcess.IsChild);
    }
}
