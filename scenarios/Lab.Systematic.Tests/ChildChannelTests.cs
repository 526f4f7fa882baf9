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
        using var process = new Process(CounterProgram.Increment, [counter, null, 1]);
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
}
