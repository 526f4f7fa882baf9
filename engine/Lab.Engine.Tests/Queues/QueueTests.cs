using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Queues;
using Lab.Engine.Serialization;
using Lab.Engine.Synchronization;
using Xunit;

namespace Lab.Engine.Tests.Queues;

public class QueueTests
{
    private static readonly TimeSpan Wait = Limits.Join;

    [Fact]
    public void Queue_InOneProcess_IsFifo()
    {
        using var q = new ProcessQueue();
        for (var i = 0; i < 100; i++) q.Put(i);
        Assert.Equal(Enumerable.Range(0, 100).Cast<object?>(), Enumerable.Range(0, 100).Select(_ => q.Get(timeout: Wait)));
    }

    [Fact]
    public void Get_EmptyWithTimeout_RaisesEmpty_NonBlockingIgnoresTimeout()
    {
        using var q = new ProcessQueue();
        Assert.Throws<QueueEmptyError>(() => q.Get(timeout: TimeSpan.FromMilliseconds(50)));
        Assert.Throws<QueueEmptyError>(() => q.Get(block: false, timeout: TimeSpan.FromHours(1)));
        Assert.True(q.Empty());
    }

    [Fact]
    public void Put_BoundedQueueFull_RaisesFullAndReportsSize()
    {
        using var q = new ProcessQueue(maxsize: 1);
        q.Put("a");
        Assert.True(q.Full());
        Assert.Equal(1, q.QSize());
        Assert.Throws<QueueFullError>(() => q.Put("b", timeout: TimeSpan.FromMilliseconds(50)));
        Assert.Throws<QueueFullError>(() => q.Put("b", block: false));
        Assert.Equal("a", q.Get(timeout: Wait));
        q.Put("b", block: false);
        Assert.Equal("b", q.Get(timeout: Wait));
    }

    [Fact]
    public void Queue_Closed_PutAndGetRaise()
    {
        using var q = new ProcessQueue();
        q.Close();
        Assert.Throws<QueueClosedError>(() => q.Put(1));
        Assert.Throws<QueueClosedError>(() => q.Get(block: false));
        Assert.True(q.JoinThread(Wait));
    }

    [Fact]
    public void JoinThread_BeforeClose_IsAnError()
    {
        using var q = new ProcessQueue();
        Assert.Throws<InvalidOperationException>(() => q.JoinThread());
    }

    [Fact]
    public void Put_UnserializableItem_FailsInTheCallerAndLosesNothing()
    {
        using var q = new ProcessQueue(maxsize: 1);
        Assert.Throws<SerializationError>(() => q.Put(new object()));
        Assert.Equal(0, q.QSize());
        q.Put(7);
        Assert.Equal(7, q.Get(timeout: Wait));
    }

    [Fact]
    public void Queue_RandomProducersAndItems_DeliversExactlyWhatWasPutFifoPerProducer()
    {
        var shapes = Gen.Zip(Gen.Choose(1, 3), Gen.Choose(0, 40)).ToArbitrary();
        Prop.ForAll(shapes, shape =>
        {
            var (producers, items) = shape;
            using var q = new ProcessQueue(maxsize: 7);
            var children = Enumerable.Range(0, producers).Select(id => new Process(QueueTargets.Produce, [q, id, items])).ToList();
            try
            {
                children.ForEach(p => p.Start());
                var got = Enumerable.Range(0, producers * items).Select(_ => (object?[])q.Get(timeout: Wait)!).ToList();
                children.ForEach(p => p.JoinOrFail());
                var fifo = got.GroupBy(x => (int)x[0]!).All(g => g.Select(x => (int)x[1]!).SequenceEqual(Enumerable.Range(0, items)));
                return fifo && got.Count == producers * items && q.Empty() && children.All(p => p.ExitCode == 0);
            }
            finally
            {
                children.ForEach(p => p.Dispose());
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(8));
    }

    [Fact]
    public void Queue_TwoConsumerProcesses_TogetherGetEveryItemOnce()
    {
        using var work = new ProcessQueue();
        using var results = new ProcessQueue();
        using var a = new Process(QueueTargets.Consume, [work, results]);
        using var b = new Process(QueueTargets.Consume, [work, results]);
        a.Start();
        b.Start();
        for (var i = 0; i < 200; i++) work.Put(i);
        work.Put(null);
        work.Put(null);
        var all = ((List<object?>)results.Get(timeout: Wait)!).Concat((List<object?>)results.Get(timeout: Wait)!).Cast<int>().Order();
        Assert.Equal(Enumerable.Range(0, 200), all);
        a.JoinOrFail();
        b.JoinOrFail();
    }

    [Fact]
    public void JoinableQueue_TaskDoneTooMany_IsAnError()
    {
        using var q = new JoinableQueue();
        q.Put(1);
        q.Get(timeout: Wait);
        q.TaskDone();
        Assert.Equal("task_done() called too many times", Assert.Throws<SynchronizationError>(q.TaskDone).Message);
    }

    [Fact]
    public void JoinableQueue_Join_WaitsUntilAChildMarksEveryItemDone()
    {
        using var q = new JoinableQueue();
        for (var i = 0; i < 10; i++) q.Put(i);
        Assert.False(q.Join(TimeSpan.FromMilliseconds(50)));
        using var p = new Process(QueueTargets.WorkAndMarkDone, [q, 10]);
        p.Start();
        Assert.True(q.Join(Wait));
        p.JoinOrFail();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void SimpleQueue_AcrossProcesses_DeliversAndGetTimesOut()
    {
        using var q = new SimpleQueue();
        using var p = new Process(QueueTargets.SimplePut, [q, "hi"]);
        p.RunToEnd();
        Assert.Equal("hi", q.Get(Wait));
        Assert.True(q.Empty());
        Assert.Throws<QueueEmptyError>(() => q.Get(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void JoiningAProducerBeforeDraining_DeadlocksUntilDrained_TheDocumentedHazard()
    {
        using var q = new ProcessQueue();
        using var p = new Process(QueueTargets.PutLarge, [q, 1024 * 1024]);
        p.Start();
        // The child cannot exit until its feeder has pushed the 1 MiB item into a 64 KiB pipe nobody reads.
        Assert.False(p.Join(TimeSpan.FromSeconds(1)));
        Assert.True(p.IsAlive);
        Assert.Equal(1024 * 1024, ((byte[])q.Get(timeout: Wait)!).Length);
        p.JoinOrFail();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void CancelJoinThread_ProducerExitsWithoutADrain_TheDocumentedRemedy()
    {
        using var q = new ProcessQueue();
        using var p = new Process(QueueTargets.PutLargeAndCancelJoin, [q, 1024 * 1024]);
        p.RunToEnd();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Queue_WriterKilledMidMessage_GetRaisesBrokenNeverGarbageOrHang_AndStaysBroken()
    {
        using var q = new ProcessQueue();
        using var p = new Process(QueueTargets.PutLarge, [q, 64 * 1024 * 1024]);
        p.Start();
        // Wait until the feeder has started writing the message (bytes readable), then kill the writer.
        var deadline = DateTime.UtcNow + Wait;
        while (q.Empty() && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.False(q.Empty(), "the child never started writing");
        p.Kill();
        p.JoinOrFail();
        var e = Assert.Throws<QueueBrokenError>(() => q.Get(timeout: Wait));
        Assert.Contains("died in the middle of a message", e.Message);
        Assert.Throws<QueueBrokenError>(() => q.Get(block: false));
        Assert.Throws<QueueBrokenError>(() => q.Put(1));
    }
}
