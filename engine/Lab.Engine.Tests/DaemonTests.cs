using System.Globalization;
using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>Daemonic processes (seeds 59.10; CPython process.py): no children of their own, and they die with
/// their parent, even when the parent is killed outright and cannot clean up (PR_SET_PDEATHSIG, man 2 prctl).</summary>
public class DaemonTests
{
    [Fact]
    public void DaemonProcess_StartsAChild_FailsWithDaemonicProcessesAreNotAllowedToHaveChildren()
    {
        using var p = new Process(DaemonTargets.TryStartChild, daemon: true, output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.NotNull(p.Error);
        Assert.Equal(typeof(ProcessStateError).FullName, p.Error.Type);
        Assert.Equal("daemonic processes are not allowed to have children", p.Error.Message);
        Assert.Contains("daemonic processes are not allowed to have children", p.Stderr);
    }

    [Fact]
    public void NonDaemonProcess_StartsAChild_Succeeds()
    {
        using var p = new Process(DaemonTargets.TryStartChild, output: ProcessOutput.Capture).RunToEnd();
        Assert.True(p.ExitCode == 0, $"exit code {p.ExitCode}, error {p.Error}, stderr {p.Stderr}");
    }

    [Fact]
    public void DaemonProcess_ParentSigkilled_DaemonDiesAndIsReaped()
    {
        // The daemon is orphaned when its parent dies: this process adopts it and reaps it, so no zombie is left.
        Lab.Engine.Diagnostics.OrphanReaper.Enable();
        using var handshake = new Handshake();
        using var parent = new Process(DaemonTargets.StartDaemonThenBlock, [handshake.Path], output: ProcessOutput.Capture);
        parent.Start();
        var daemonPid = int.Parse(handshake.Receive(parent, Limits.Join), CultureInfo.InvariantCulture);
        // Opened while the daemon is alive and still the parent's child, so it refers to exactly that process.
        using var daemon = new NonChildWatch(daemonPid);
        try
        {
            Assert.False(daemon.HasEnded, "the daemon ended before its parent was killed");
            Assert.Equal(parent.Pid, ProcStat.Read(daemonPid)?.ParentPid);

            parent.Kill();
            parent.JoinOrFail();
            Assert.Equal(-9, parent.ExitCode);

            Assert.True(daemon.WaitEnded(Limits.Disappear),
                $"daemon {daemonPid} still alive {Limits.Disappear} after its parent was SIGKILLed: {ProcStat.Read(daemonPid)}");
            // Either the SIGCHLD handler reaped it already, or this call does: the exited daemon is our adopted zombie.
            Lab.Engine.Diagnostics.OrphanReaper.ReapAdopted();
            Assert.False(Directory.Exists($"/proc/{daemonPid}"), $"daemon {daemonPid} was not reaped: {ProcStat.Read(daemonPid)}");
        }
        finally
        {
            daemon.KillIfAlive();
        }
    }
}
