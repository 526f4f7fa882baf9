using Lab.Engine.Logging;
using Lab.Engine.Queues;
using Lab.Engine.Tests.Pools;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Lab.Engine.Tests.Logging;

/// <summary>Logging through a queue (seeds 59.25): children log with Microsoft.Extensions.Logging, one listener in the
/// parent forwards every record to the parent's loggers.</summary>
public class QueueLoggingTests
{
    [Fact]
    public void Children_LogThroughQueue_ParentGetsEveryRecordWholeStructuredAndInPerWorkerOrder()
    {
        const int Workers = 3, Records = 40;
        Bounded.Run(() =>
        {
            var (listener, collected, queue) = Listen();
            using (queue)
            using (listener)
            {
                var children = Enumerable.Range(0, Workers)
                    .Select(w => new Process(LoggingTargets.LogRecords, [queue, w, Records]).RunToEnd()).ToList();
                try
                {
                    Assert.All(children, c => Assert.Equal(0, c.ExitCode));
                    Assert.True(listener.Stop(Limits.Join), "the listener did not stop");
                    var entries = collected.Entries.Where(e => e.Category == "lab.worker").ToList();
                    Assert.Equal(Workers * Records, entries.Count);
                    Assert.Equal(Workers * Records, listener.Forwarded);
                    Assert.Equal(0, listener.Rejected);
                    for (var w = 0; w < Workers; w++)
                    {
                        var pid = children[w].Pid;
                        var mine = entries.Where(e => (int)e.Value("Worker")! == w).ToList();
                        Assert.Equal(Enumerable.Range(0, Records), mine.Select(e => (int)e.Value("Index")!));
                        Assert.All(mine, e =>
                        {
                            Assert.Equal($"worker {w} record {e.Value("Index")} of {Records}", e.Message);
                            Assert.Equal(LogLevel.Information, e.Level);
                            Assert.Equal(new EventId(7, "record"), e.EventId);
                            Assert.Equal(pid, e.Value("RemotePid"));
                            Assert.Equal("worker {Worker} record {Index} of {Count}", e.Value("{OriginalFormat}"));
                        });
                    }
                }
                finally
                {
                    children.ForEach(c => c.Dispose());
                }
            }
        });
    }

    [Fact]
    public void ChildLogsException_ParentGetsItsTextAsRemoteLogException()
    {
        Bounded.Run(() =>
        {
            var (listener, collected, queue) = Listen();
            using (queue)
            using (listener)
            {
                using var child = new Process(LoggingTargets.LogException, [queue]).RunToEnd();
                Assert.Equal(0, child.ExitCode);
                Assert.True(listener.Stop(Limits.Join));
                var entry = Assert.Single(collected.Entries, e => e.Category == "lab.failing");
                Assert.Equal(LogLevel.Error, entry.Level);
                Assert.Equal("task t1 failed", entry.Message);
                var remote = Assert.IsType<RemoteLogException>(entry.Exception);
                Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteType);
                Assert.Equal("System.InvalidOperationException: the child's own failure", remote.Message);
                Assert.Contains(nameof(LoggingTargets.LogException), remote.RemoteText);
            }
        });
    }

    [Fact]
    public void MalformedRecords_AreRejectedAndReported_TheListenerGoesOn()
    {
        Bounded.Run(() =>
        {
            var (listener, collected, queue) = Listen();
            using (queue)
            using (listener)
            {
                var good = new LogRecordMessage("lab.good", LogLevel.Warning, 1, null, "fine", [], null, null, 1, "p", DateTime.UtcNow).ToChannel();
                var badLevel = new Dictionary<string, object?>(good) { ["level"] = 99 };
                var typeName = new Dictionary<string, object?>(good) { ["state"] = new List<object?> { new List<object?> { "x", new List<object?>() } } };
                foreach (var item in new object?[] { 42, badLevel, typeName, new Dictionary<string, object?>(), good }) queue.Put(item);
                Assert.True(listener.Stop(Limits.Join));
                Assert.Equal(4, listener.Rejected);
                Assert.Equal(1, listener.Forwarded);
                Assert.Single(collected.Entries, e => e.Category == "lab.good" && e.Message == "fine");
                Assert.Equal(4, collected.Entries.Count(e => e.Category == QueueLogListener.Category && e.Level == LogLevel.Warning));
            }
        });
    }

    [Fact]
    public void LogRecordMessage_RoundTripsThroughTheChannel()
    {
        var time = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
        var record = new LogRecordMessage("c", LogLevel.Critical, 3, "e", "m", [new("a", 1), new("b", "x"), new("c", null)], "text", "T", 5, "P", time);
        var back = LogRecordMessage.Read(Lab.Engine.Serialization.ChannelDecoder.Decode(Lab.Engine.Serialization.ChannelEncoder.Encode(record.ToChannel())));
        Assert.Equal(record with { State = [] }, back with { State = [] });
        Assert.Equal(record.State, back.State);
    }

    private static (QueueLogListener Listener, CollectingLoggerProvider Collected, ProcessQueue Queue) Listen()
    {
        var collected = new CollectingLoggerProvider();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(collected));
        var queue = new ProcessQueue();
        var listener = new QueueLogListener(queue, factory);
        listener.Start();
        return (listener, collected, queue);
    }
}
