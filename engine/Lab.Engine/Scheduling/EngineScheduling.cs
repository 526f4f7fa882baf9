using System.Runtime.CompilerServices;

namespace Lab.Engine.Scheduling;

/// <summary>
/// Where an <see cref="IEngineScheduler"/> is attached. In production nothing is: every hook is one read of a static
/// field and a null test, which costs nothing measurable next to the atomic instruction it precedes (the
/// lock-uncontended benchmark is the guard). There are no other test-only branches in the engine.
/// </summary>
public static class EngineScheduling
{
    private static IEngineScheduler? _attached;

    /// <summary>The attached scheduler, if any.</summary>
    public static IEngineScheduler? Attached => _attached;

    /// <summary>Attaches <paramref name="scheduler"/> to this process until the returned handle is disposed. One at a
    /// time: attaching a second one is an error (a scheduler decides per thread which callers it controls).</summary>
    public static IDisposable Attach(IEngineScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (Interlocked.CompareExchange(ref _attached, scheduler, null) is { } other)
            throw new InvalidOperationException($"an engine scheduler is already attached ({other.GetType().Name}); detach it first");
        return new Detacher(scheduler);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Point(EnginePoint point)
    {
        if (_attached is { } scheduler) scheduler.Point(point);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryWait(nint word, int expected, TimeSpan? timeout) =>
        _attached is { } scheduler && scheduler.TryWait(word, expected, timeout);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Woke(nint word, int count)
    {
        if (_attached is { } scheduler) scheduler.Woke(word, count);
    }

    /// <summary>A controlled thread for <paramref name="body"/>, or null: the caller starts a real one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IEngineThread? TryStartThread(Action body, string name) =>
        _attached is { } scheduler ? scheduler.TryStartThread(body, name) : null;

    /// <summary>Monitor.Wait(gate), or its controlled form.</summary>
    internal static void MonitorWait(object gate)
    {
        if (_attached is { } scheduler && scheduler.TryMonitorWait(gate)) return;
        Monitor.Wait(gate);
    }

    /// <summary>Monitor.Pulse(gate), then tells the scheduler.</summary>
    internal static void MonitorPulse(object gate)
    {
        Monitor.Pulse(gate);
        if (_attached is { } scheduler) scheduler.Pulsed(gate, all: false);
    }

    private sealed class Detacher(IEngineScheduler scheduler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Interlocked.CompareExchange(ref _attached, null, scheduler);
        }
    }
}
