using System.Globalization;
using Lab.Engine.Diagnostics;
using Lab.Engine.Forking;
using Lab.Engine.Interop;
using Xunit;

namespace Lab.Engine.Tests.Forking;

/// <summary>The server's life (issue #6 §6): started on first use, restarted after it died, only its parent can
/// talk to it, it dies with its parent, and it leaves no process behind when stopped. What a child running when the
/// server died reports: ServerChildExit's rules (README.md, "Exit codes").</summary>
[Collection(ForkServerCollection.Name)]
public class ForkServerLifecycleTests
{
    private static readonly ProcessContext Context = Multiprocessing.GetContext(StartMethod.ForkServer);

    [Fact]
    public void ForkServer_WaitUntilStocked_NextStartTakesAWorkerStartedBeforeIt()
    {
        using (Context.Process(Targets.ExitWith, [0]).RunToEnd()) { } // uses up one pre-started worker
        Assert.True(ForkServer.WaitUntilStocked(TimeSpan.FromSeconds(60)), "the stock was not refilled within 60 s");
        var server = ForkServer.ServerPid!.Value;
        var before = Directory.EnumerateDirectories($"/proc/{server}/task")
            .SelectMany(t => File.ReadAllText(Path.Combine(t, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Assert.True(before.Count >= ForkServer.IdleWorkers, $"server {server} has {before.Count} children, fewer than its {ForkServer.IdleWorkers} idle slots");
        using var p = Context.Process(Targets.ExitWith, [0]).RunToEnd();
        Assert.Contains(p.Pid!.Value, before);
    }

    /// <summary>As CPython's forkserver ("protect the process from ^C"): a group's SIGINT must not kill the server and lose
    /// its children's exit statuses, while the workers it hands out keep SIGINT's default (scenario
    /// signals.process-group-interrupt). Read from /proc/PID/status SigIgn (proc(5)), once the stock is warm.</summary>
    [Fact]
    public void ForkServer_Server_IgnoresSigint_ItsWarmWorkersDoNot()
    {
        ForkServer.EnsureRunning();
        Assert.True(ForkServer.WaitUntilStocked(TimeSpan.FromSeconds(60)), "the stock was not filled within 60 s");
        var server = ForkServer.ServerPid!.Value;
        var workers = Directory.EnumerateDirectories($"/proc/{server}/task")
            .SelectMany(t => File.ReadAllText(Path.Combine(t, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Assert.True(IgnoresSigint(server), $"server {server} does not ignore SIGINT");
        Assert.NotEmpty(workers);
        Assert.All(workers, w => Assert.False(IgnoresSigint(w), $"worker {w} ignores SIGINT"));
    }

    private static bool IgnoresSigint(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (Libc.SIGINT - 1))) != 0;
    }

    [Fact]
    public void ForkServer_ServerSigkilled_NextProcessStartsOnANewServer()
    {
        ForkServer.EnsureRunning();
        var first = ForkServer.ServerPid!.Value;
        using (var watch = new NonChildWatch(first))
        {
            Libc.kill(first, Libc.SIGKILL);
            Assert.True(watch.WaitEnded(Limits.Disappear), $"server {first} still alive after SIGKILL");
        }
        using var p = Context.Process(Targets.ExitWith, [3]).RunToEnd();
        Assert.Equal(3, p.ExitCode);
        Assert.NotEqual(first, ForkServer.ServerPid);
    }

    [Fact]
    public void ForkServer_ServerSigkilledWhileChildRuns_ChildRunsOnAndReportsItsTrueCode()
    {
        // As a subreaper this process adopts the orphaned child and reaps it with its true status (better than
        // CPython's 255); the orphan reaper never takes a child the engine tracks.
        OrphanReaper.Enable();
        using var go = Context.Event();
        using var p = Context.Process(ForkServerTargets.WaitThenExit, [go, 6]);
        p.Start();
        var server = ForkServer.ServerPid!.Value;
        using (var watch = new NonChildWatch(server))
        {
            Libc.kill(server, Libc.SIGKILL);
            Assert.True(watch.WaitEnded(Limits.Disappear), $"server {server} still alive after SIGKILL");
        }
        Assert.True(p.IsAlive, "a non-daemon child must outlive its server");
        go.Set();
        p.JoinOrFail();
        Assert.Equal(6, p.ExitCode);
    }

    [Fact]
    public void ForkServer_ServerSigkilledWhileChildRuns_ChildSignalDeathKeepsItsSignal()
    {
        OrphanReaper.Enable();
        using var go = Context.Event();
        using var p = Context.Process(ForkServerTargets.WaitThenAbort, [go], output: Processes.ProcessOutput.Capture);
        p.Start();
        var server = ForkServer.ServerPid!.Value;
        using (var watch = new NonChildWatch(server))
        {
            Libc.kill(server, Libc.SIGKILL);
            Assert.True(watch.WaitEnded(Limits.Disappear), $"server {server} still alive after SIGKILL");
        }
        go.Set();
        p.JoinOrFail();
        Assert.Equal(-6, p.ExitCode);
    }

    [Fact]
    public void ForkServer_Stop_LeavesNoServerAndNoIdleWorker()
    {
        ForkServer.EnsureRunning();
        var server = ForkServer.ServerPid!.Value;
        var idle = ChildrenOf(server);
        Assert.NotEmpty(idle);
        var watches = idle.Select(pid => new NonChildWatch(pid)).ToList();
        try
        {
            ForkServer.Stop();
            Assert.Null(ForkServer.ServerPid);
            Assert.False(Directory.Exists($"/proc/{server}"), $"server {server} was not reaped");
            foreach (var watch in watches)
                Assert.True(watch.WaitEnded(Limits.Disappear), "an idle worker outlived its server");
        }
        finally
        {
            foreach (var watch in watches)
            {
                watch.KillIfAlive();
                watch.Dispose();
            }
        }
    }

    [Fact]
    public void ForkServerDaemon_ParentSigkilled_DaemonServerAndIdleWorkersDie()
    {
        OrphanReaper.Enable();
        using var handshake = new Handshake();
        using var parent = new Process(ForkServerTargets.StartForkServerDaemonThenBlock, [handshake.Path], output: Processes.ProcessOutput.Capture);
        parent.Start();
        var pids = handshake.Receive(parent, Limits.Join).Split(' ').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var (daemonPid, serverPid) = (pids[0], pids[1]);
        var watches = new[] { daemonPid, serverPid }.Concat(ChildrenOf(serverPid).Where(pid => pid != daemonPid)).Select(pid => (Pid: pid, Watch: new NonChildWatch(pid))).ToList();
        try
        {
            Assert.True(watches.Count >= 3, "expected the daemon, the server and at least one idle worker");
            Assert.All(watches, w => Assert.False(w.Watch.HasEnded, $"{w.Pid} ended before the parent was killed"));
            parent.Kill();
            parent.JoinOrFail();
            foreach (var (pid, watch) in watches)
                Assert.True(watch.WaitEnded(Limits.Disappear), $"{(pid == daemonPid ? "daemon" : pid == serverPid ? "server" : "idle worker")} {pid} still alive after the parent was SIGKILLed: {ProcStat.Read(pid)}");
        }
        finally
        {
            foreach (var (_, watch) in watches)
            {
                watch.KillIfAlive();
                watch.Dispose();
            }
        }
    }

    [Fact]
    public void ForkServerProcesses_StartedFromManyThreadsAtOnce_AllExitWithTheirCodes()
    {
        var processes = Enumerable.Range(0, 6).Select(i => Context.Process(Targets.ExitWith, [i + 20])).ToList();
        try
        {
            Parallel.ForEach(processes, p => p.Start());
            foreach (var p in processes) p.JoinOrFail();
            Assert.Equal(Enumerable.Range(20, 6), processes.Select(p => p.ExitCode ?? -1000));
            Assert.Equal(6, processes.Select(p => p.Pid).Distinct().Count());
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }
    }

    [Fact]
    public void PeerCheck_SocketpairMadeByThisProcess_AcceptedForThisPidAndUid()
    {
        var (a, b) = Libc.SeqPacketPair();
        try
        {
            Assert.Null(PeerCheck.Refusal(a, Environment.ProcessId, Libc.getuid()));
        }
        finally
        {
            Libc.close(a);
            Libc.close(b);
        }
    }

    [Fact]
    public void PeerCheck_PeerIsNotTheExpectedParent_Refused()
    {
        var (a, b) = Libc.SeqPacketPair();
        try
        {
            Assert.Contains("not by the parent", PeerCheck.Refusal(a, Environment.ProcessId + 1, Libc.getuid()));
            Assert.Contains("uid", PeerCheck.Refusal(a, Environment.ProcessId, Libc.getuid() + 1));
        }
        finally
        {
            Libc.close(a);
            Libc.close(b);
        }
    }

    private static List<int> ChildrenOf(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
}
