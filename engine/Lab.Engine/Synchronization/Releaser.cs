namespace Lab.Engine.Synchronization;

/// <summary>What Hold() returns: releases once, however many times it is disposed (a `using` block's exit).</summary>
internal sealed class Releaser(Action release) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release();
    }

    public static IDisposable Hold(Func<bool, TimeSpan?, bool> acquire, Action release, TimeSpan? timeout, string what) =>
        acquire(true, timeout) ? new Releaser(release)
        : throw new TimeoutException($"could not acquire the {what} within {timeout}");
}
