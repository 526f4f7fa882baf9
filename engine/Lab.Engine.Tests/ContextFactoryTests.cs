using Xunit;

namespace Lab.Engine.Tests;

public class ContextFactoryTests
{
    [Fact]
    public void SpawnContext_Factories_GiveWorkingObjects()
    {
        var ctx = Multiprocessing.GetContext(StartMethod.Spawn);
        using var @lock = ctx.Lock();
        Assert.True(@lock.Acquire(block: false));
        @lock.Release();
        using var semaphore = ctx.BoundedSemaphore(2);
        Assert.Equal(2, semaphore.Value);
        using var queue = ctx.Queue(maxsize: 1);
        queue.Put("x");
        Assert.Equal("x", queue.Get(timeout: Limits.Join));
        using var value = ctx.Value(41);
        value.Value += 1;
        Assert.Equal(42, value.Value);
        var (a, b) = ctx.Pipe();
        using (a) using (b)
        {
            a.Send(1);
            Assert.Equal(1, b.Recv(Limits.Join));
        }
    }
}
