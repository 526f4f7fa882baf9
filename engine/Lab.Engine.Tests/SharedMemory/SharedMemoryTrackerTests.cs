using System.Globalization;
using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.SharedMemory;
using Xunit;

namespace Lab.Engine.Tests.SharedMemory;

/// <summary>
/// The resource tracker (CPython: resource_tracker.py): blocks left by creators that died are unlinked when the
/// last process holding the tracker's pipe is gone, and the tracker then exits. Every wait here is for an exact
/// event (the tracker's exit, through a pidfd) with a deadline; the /dev/shm entry is checked after it.
/// </summary>
public sealed class SharedMemoryTrackerTests : IDisposable
{
    private readonly DevShm _shm = new();

    public void Dispose() => _shm.Dispose();

    [Fact]
    public void Tracker_CreatorSigkilledBeforeUnlink_TrackerUnlinksTheBlockAndExits()
    {
        // The tracker is orphaned when its creator dies: adopt and reap it here rather than leave a zombie to pid 1.
        Lab.Engine.Diagnostics.OrphanReaper.Enable();
        using var handshake = new Handshake();
        using var creator = new Process(SharedMemoryTargets.CreateReportAndSleep, [handshake.Path], output: ProcessOutput.Capture);
        creator.Start();
        var reply = handshake.Receive(creator, Limits.Join).Split(' ');
        var name = _shm.Track(reply[0]);
        var trackerPid = int.Parse(reply[1], CultureInfo.InvariantCulture);
        using var tracker = new NonChildWatch(trackerPid);
        try
        {
            Assert.True(DevShm.Exists(name));
            Assert.False(tracker.HasEnded, "the tracker ended while its creator was alive");

            creator.Kill();
            creator.JoinOrFail();
            Assert.Equal(-9, creator.ExitCode);

            Assert.True(tracker.WaitEnded(Limits.Disappear), $"tracker {trackerPid} still alive {Limits.Disappear} after its only holder was SIGKILLed");
            Assert.False(DevShm.Exists(name), $"{name} is still in /dev/shm after the tracker exited");
        }
        finally
        {
            tracker.KillIfAlive();
        }
    }

    [Fact]
    public void Tracker_CreatorExitsWithoutUnlink_BlockIsGoneByTheTimeTheCreatorHasExited()
    {
        // At a normal exit the creator closes its end of the tracker's pipe and waits for the tracker to finish.
        using var handshake = new Handshake();
        using var creator = new Process(SharedMemoryTargets.CreateAndLeak, [handshake.Path], output: ProcessOutput.Capture);
        creator.Start();
        var name = _shm.Track(handshake.Receive(creator, Limits.Join));
        creator.JoinOrFail();
        Assert.Equal(0, creator.ExitCode);
        Assert.False(DevShm.Exists(name), $"{name} is still in /dev/shm after its creator exited");
    }

    [Fact]
    public void Tracker_SharedWithAGrandchild_OutlivesTheCreatorAndUnlinksBothBlocksWhenTheTreeIsGone()
    {
        Lab.Engine.Diagnostics.OrphanReaper.Enable();
        using var handshake = new Handshake();
        using var creator = new Process(SharedMemoryTargets.CreatePassToGrandchildAndSleep, [handshake.Path], output: ProcessOutput.Capture);
        creator.Start();
        var lines = new[] { handshake.Receive(creator, Limits.Join), handshake.Receive(creator, Limits.Join) }.Select(l => l.Split(' ')).ToList();
        var mine = lines.Single(l => l[0] == "creator");
        var grand = lines.Single(l => l[0] == "grandchild");
        var creatorBlock = _shm.Track(mine[1]);
        var grandchildBlock = _shm.Track(grand[1]);
        var trackerPid = int.Parse(mine[2], CultureInfo.InvariantCulture);
        var grandchildPid = int.Parse(mine[3], CultureInfo.InvariantCulture);
        using var tracker = new NonChildWatch(trackerPid);
        using var grandchild = new NonChildWatch(grandchildPid);
        try
        {
            Assert.Equal(mine[2], grand[2]);
            Assert.Equal(creatorBlock, grand[3]);

            creator.Kill();
            creator.JoinOrFail();
            // The grandchild still holds the tracker's pipe: nothing may be unlinked yet, and the tracker lives.
            Assert.False(tracker.HasEnded, "the tracker exited although the grandchild still holds its pipe");
            Assert.True(DevShm.Exists(creatorBlock));
            Assert.True(DevShm.Exists(grandchildBlock));

            Libc.kill(grandchildPid, Libc.SIGKILL);
            Assert.True(grandchild.WaitEnded(Limits.Disappear), $"grandchild {grandchildPid} survived SIGKILL");
            Assert.True(tracker.WaitEnded(Limits.Disappear), $"tracker {trackerPid} still alive {Limits.Disappear} after the whole tree was killed");
            Assert.False(DevShm.Exists(creatorBlock));
            Assert.False(DevShm.Exists(grandchildBlock));
        }
        finally
        {
            grandchild.KillIfAlive();
            tracker.KillIfAlive();
        }
    }

    [Fact]
    public void Tracker_KilledWhileItsCreatorLives_NextCreateStartsAnotherThatAlsoTracksEarlierBlocks()
    {
        Lab.Engine.Diagnostics.OrphanReaper.Enable();
        using var handshake = new Handshake();
        using var creator = new Process(SharedMemoryTargets.LoseTrackerThenCreateAgain, [handshake.Path], output: ProcessOutput.Capture);
        creator.Start();
        var reply = handshake.Receive(creator, Limits.Join).Split(' ');
        var first = _shm.Track(reply[0]);
        var second = _shm.Track(reply[1]);
        var newTracker = int.Parse(reply[3], CultureInfo.InvariantCulture);
        using var tracker = new NonChildWatch(newTracker);
        try
        {
            Assert.NotEqual(reply[2], reply[3]);
            creator.Kill();
            creator.JoinOrFail();
            Assert.True(tracker.WaitEnded(Limits.Disappear), $"tracker {newTracker} still alive after its creator was SIGKILLed");
            Assert.False(DevShm.Exists(first), "the block registered with the killed tracker was not handed to the new one");
            Assert.False(DevShm.Exists(second));
        }
        finally
        {
            tracker.KillIfAlive();
        }
    }

    /// <summary>As CPython's tracker, SIGINT and SIGTERM are ignored (a Ctrl-C to the process group must not kill it
    /// before it cleans up). An ignored signal is discarded when it is sent (man 7 signal), so once the dispositions
    /// are in place (/proc/PID/status SigIgn, waited for with a deadline) the signals below cannot reach it.</summary>
    [Fact]
    public void Tracker_SigtermAndSigint_AreIgnoredAndItStillCleansUp()
    {
        Lab.Engine.Diagnostics.OrphanReaper.Enable();
        using var handshake = new Handshake();
        using var creator = new Process(SharedMemoryTargets.CreateReportAndSleep, [handshake.Path], output: ProcessOutput.Capture);
        creator.Start();
        var reply = handshake.Receive(creator, Limits.Join).Split(' ');
        var name = _shm.Track(reply[0]);
        var trackerPid = int.Parse(reply[1], CultureInfo.InvariantCulture);
        using var tracker = new NonChildWatch(trackerPid);
        try
        {
            const ulong ignoredMask = (1UL << (Libc.SIGINT - 1)) | (1UL << (Libc.SIGTERM - 1));
            var deadline = DateTime.UtcNow + Limits.Join;
            while ((IgnoredSignals(trackerPid) & ignoredMask) != ignoredMask)
            {
                Assert.True(DateTime.UtcNow < deadline, $"tracker {trackerPid} did not ignore SIGINT and SIGTERM within {Limits.Join}");
                Assert.False(tracker.WaitEnded(TimeSpan.FromMilliseconds(20)), "the tracker exited while its creator was alive");
            }
            Libc.kill(trackerPid, Libc.SIGTERM);
            Libc.kill(trackerPid, Libc.SIGINT);
            Assert.False(tracker.HasEnded);

            creator.Kill();
            creator.JoinOrFail();
            Assert.True(tracker.WaitEnded(Limits.Disappear), $"tracker {trackerPid} still alive after its creator was SIGKILLed");
            Assert.False(DevShm.Exists(name), $"{name} survived: the tracker was killed by SIGTERM/SIGINT instead of cleaning up");
        }
        finally
        {
            tracker.KillIfAlive();
        }
    }

    private static ulong IgnoredSignals(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is null ? 0 : ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [Fact]
    public void TrackerProtocol_CountsRegistrationsAndRefusesNamesOutsideDevShm()
    {
        var registered = new Dictionary<string, int>();
        foreach (var line in new[]
                 {
                     "REGISTER shared_memory lab_a", "REGISTER shared_memory lab_a", "UNREGISTER shared_memory lab_a",
                     "REGISTER shared_memory ../etc/passwd", "REGISTER shared_memory a/b", "REGISTER semaphore lab_s",
                     "UNREGISTER shared_memory lab_never", "garbage", "REGISTER shared_memory name with spaces",
                 })
            TrackerServer.Apply(line, registered);
        Assert.Equal(new Dictionary<string, int> { ["lab_a"] = 1, ["name with spaces"] = 1 }, registered);
    }
}
