using Lab.Engine;
using Lab.Engine.Scheduling;
using Lab.Engine.SharedMemory;
using Lab.Systematic.Processes;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>The engine's child scheduler channel on its own (issue #5 §3): a scheduled child stops at its first point
/// and waits for the parent; if the parent goes away it exits instead of hanging.</summary>
[Collection(ProcessCollection.Name)]
public class ChildChannelTests
{
    private sealed class Host : IChildSchedulerHost
    {
        public ChildChannel? Channel { get; private set; }

        public void ChildStarted(Process process, ChildChannel channel) => Channel = channel;
    }

    [Fact(Timeout = 60_000)]
    public async Task ScheduledChild_ChannelClosedWhileWaiting_ExitsWithParentGoneCode()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        using var counter = new SharedValue<int>(0, synchronized: false);
        var host = new Host();
        using var process = new Process(ProcessProgramTargets.Increment, [counter, null, 1]);
        using (ChildScheduling.Attach(host)) process.Start();
        using (var channel = host.Channel!)
        {
            var first = channel.Receive(TimeSpan.FromSeconds(30));
            Assert.Equal(ChildMessageKind.Started, first?.Kind);
            Assert.True(channel.Go());
            Assert.Equal(new ChildMessage(ChildMessageKind.Point, EnginePoint.Read, false, 0), channel.Receive(TimeSpan.FromSeconds(30)));
        }
        Assert.True(process.Join(TimeSpan.FromSeconds(30)), "the child hung after its scheduler went away");
        Assert.Equal(ChildScheduling.ParentGoneExitCode, process.ExitCode);
        Assert.Equal(0, counter.Value);
    }

    [Fact]
    public void ChildScheduling_SecondHost_IsRefused()
    {
        using (ChildScheduling.Attach(new Host()))
            Assert.Throws<InvalidOperationException>(() => ChildScheduling.Attach(new Host()));
        using (ChildScheduling.Attach(new Host())) { }
    }

    /// <summary>A host is attached to the attaching code's flow: a child started on an unrelated thread at the same time
    /// is not scheduled (a process-wide host captured the children of the test suite's other test classes: forkserver ones
    /// were then refused), a thread the attaching code starts carries the host (a pool's supervisor starts the
    /// pool's workers), and disposing the attachment detaches it from such threads too.</summary>
    [Fact(Timeout = 60_000)]
    public async Task ChildScheduling_AttachedHost_OnlyReachesItsOwnFlow()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        using var counter = new SharedValue<int>(0, synchronized: false);
        var host = new Host();
        Process Start(StartMethod method)
        {
            var p = new Process(ProcessProgramTargets.Increment, [counter, null, 1], context: Multiprocessing.GetContext(method));
            p.Start();
            return p;
        }
        Process? unrelated = null, inherited = null, afterDetach = null;
        using (var attachment = ChildScheduling.Attach(host))
        {
            using (ExecutionContext.SuppressFlow())
                RunOnNewThread(() => unrelated = Start(StartMethod.Spawn));
            Assert.Null(host.Channel);
            RunOnNewThread(() => inherited = Start(StartMethod.Spawn));
            Assert.NotNull(host.Channel);
            var later = new Thread(() => afterDetach = Start(StartMethod.Spawn));
            attachment.Dispose();
            later.Start();
            Assert.True(later.Join(TimeSpan.FromSeconds(30)));
        }
        host.Channel!.Dispose();
        var exitCodes = new List<int?>();
        foreach (var p in new[] { unrelated!, inherited!, afterDetach! })
            using (p)
            {
                Assert.True(p.Join(TimeSpan.FromSeconds(30)), $"{p} did not exit");
                exitCodes.Add(p.ExitCode);
            }
        Assert.Equal([0, ChildScheduling.ParentGoneExitCode, 0], exitCodes);
        Assert.Equal(2, counter.Value);
    }

    private static void RunOnNewThread(Action body)
    {
        var thread = new Thread(() => body());
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
    }
}
