using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Xunit;
using Xunit.Abstractions;

namespace Lab.Engine.Tests;

/// <summary>Death by signal N reads -N, as CPython's Popen reports it (popen_fork.py, os.waitstatus_to_exitcode),
/// and is told apart from exit(128+N). Signals are sent only after the child's handshake says it runs its target,
/// i.e. after the worker has restored the default dispositions.</summary>
public class SignalExitCodeTests(ITestOutputHelper output)
{
    private static Process StartReady(Handshake handshake)
    {
        var p = new Process(Targets.ReadyThenSleep, [handshake.Path], output: ProcessOutput.Capture);
        p.Start();
        Assert.Equal("ready", handshake.Receive(p, Limits.Join));
        return p;
    }

    [Fact]
    public void Process_Terminate_ExitCodeIsMinus15()
    {
        using var handshake = new Handshake();
        using var p = StartReady(handshake);
        p.Terminate();
        p.JoinOrFail();
        Assert.Equal(-Libc.SIGTERM, p.ExitCode);
        Assert.Null(p.Error);
    }

    [Fact]
    public void Process_Kill_ExitCodeIsMinus9()
    {
        using var handshake = new Handshake();
        using var p = StartReady(handshake);
        p.Kill();
        p.JoinOrFail();
        Assert.Equal(-Libc.SIGKILL, p.ExitCode);
    }

    /// <summary>Workers run without the runtime's diagnostics IPC (WorkerLocator): a killed one leaves no files in the
    /// temporary directory. Checked while it runs (a worker with diagnostics on has them by then) and after the kill.</summary>
    [Fact]
    public void Process_KilledWorker_LeavesNoRuntimeDiagnosticsFiles()
    {
        using var handshake = new Handshake();
        using var p = StartReady(handshake);
        var pid = p.Pid!.Value;
        Assert.Empty(RuntimeDiagnosticsFiles.Of(pid));
        p.Kill();
        p.JoinOrFail();
        Assert.Empty(RuntimeDiagnosticsFiles.Of(pid));
    }

    [Theory]
    [InlineData(null, "0")]
    [InlineData("", "0")]
    [InlineData("1", "1")]
    [InlineData("0", "0")]
    public void WorkerDiagnostics_EmptyOrUnsetInTheParent_AreOff(string? parent, string worker) =>
        Assert.Equal(worker, WorkerLocator.DiagnosticsSetting(parent));

    [Fact]
    public void Process_SigintFromOutside_ExitCodeIsMinus2()
    {
        using var handshake = new Handshake();
        using var p = StartReady(handshake);
        Assert.Equal(0, Libc.kill(p.Pid!.Value, Libc.SIGINT));
        p.JoinOrFail();
        Assert.Equal(-Libc.SIGINT, p.ExitCode);
    }

    [Fact]
    public void Process_SigquitFromOutside_ExitCodeIsMinus3()
    {
        using var handshake = new Handshake();
        using var p = StartReady(handshake);
        Assert.Equal(0, Libc.kill(p.Pid!.Value, Libc.SIGQUIT));
        p.JoinOrFail();
        Assert.Equal(-Libc.SIGQUIT, p.ExitCode);
    }

    [Fact]
    public void Process_TargetCallsAbort_ExitCodeIsMinus6()
    {
        using var p = new Process(Targets.Abort, output: ProcessOutput.Capture).RunToEnd();
        output.WriteLine($"stderr of the aborting child: [{p.Stderr}]");
        Assert.Equal(-Libc.SIGABRT, p.ExitCode);
    }

    [Fact]
    public void Process_NativeSegfault_ExitCodeIsMinus11()
    {
        using var p = new Process(Targets.NativeSegfault, output: ProcessOutput.Capture).RunToEnd();
        output.WriteLine($"stderr of the segfaulting child: [{p.Stderr}]");
        Assert.True(p.ExitCode == -Libc.SIGSEGV, $"exit code {p.ExitCode}; stderr: {p.Stderr}");
    }

    /// <summary>Not every invalid memory access is a signal death. The runtime's SIGSEGV handler turns a fault at a
    /// low address in managed code into NullReferenceException, and Marshal.ReadInt32 (managed code) rethrows that as
    /// AccessViolationException, which a .NET target can even catch. So the child exits through the ordinary
    /// unhandled-exception path with 1; only faults in native code kill it with SIGSEGV (see above).</summary>
    [Fact]
    public void Process_ManagedNullRead_IsAnUnhandledAccessViolationWithExitCode1()
    {
        using var p = new Process(Targets.ManagedNullRead, output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal("System.AccessViolationException", p.Error?.Type);
    }

    /// <summary>The seeds' point about exit codes: 137 is an ordinary exit status, SIGKILL is -9 (a shell would
    /// show both as 137; System.Diagnostics.Process cannot tell them apart).</summary>
    [Fact]
    public void Process_Exit137AndSigkill_AreDistinct()
    {
        using var handshake = new Handshake();
        using var exited = new Process(Targets.ExitWith, [137]).RunToEnd();
        using var killed = StartReady(handshake);
        killed.Kill();
        killed.JoinOrFail();
        Assert.Equal(137, exited.ExitCode);
        Assert.Equal(-9, killed.ExitCode);
    }
}
