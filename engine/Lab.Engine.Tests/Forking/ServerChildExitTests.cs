using Lab.Engine.Forking;
using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests.Forking;

/// <summary>The exit code of a forkserver child whose server died before reporting it, when this process did not
/// adopt it (not a subreaper): its own exit report if it wrote one, else 255 as CPython (popen_forkserver.py).
/// The process observed is this test process itself: alive, not our child, so nothing here waits or reaps.</summary>
public class ServerChildExitTests
{
    [Fact]
    public void ServerChildExit_ServerLostAndNoReport_ExitCode255()
    {
        var exit = new ServerChildExit(Environment.ProcessId, Task.FromResult<int?>(null));
        var (code, problem) = exit.Collect(null);
        Assert.Equal(255, code);
        Assert.Contains("forkserver died", problem);
    }

    [Fact]
    public void ServerChildExit_ServerLostWithExitReport_ExitCodeFromTheReport()
    {
        var exit = new ServerChildExit(Environment.ProcessId, Task.FromResult<int?>(null));
        var (code, _) = exit.Collect(new ExitReport(4, null, null));
        Assert.Equal(4, code);
    }

    [Fact]
    public void ServerChildExit_ServerReportedSignalStatus_ExitCodeMinusSignal()
    {
        var exit = new ServerChildExit(Environment.ProcessId, Task.FromResult<int?>(9));
        Assert.Equal((-9, (string?)null), exit.Collect(null));
    }
}
