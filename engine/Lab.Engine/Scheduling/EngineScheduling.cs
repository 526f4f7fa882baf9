using System.Runtime.CompilerServices;

namespace Lab.Engine.Scheduling;

/// <summary>
/// Where an <see cref="IEngineScheduler"/> is attached. Hooks exist only in a process that enables them before the
/// engine's first use (<see cref="Enabled"/>): <c>Enabled</c> is a static readonly bool, which the optimizing JIT reads
/// as a constant, so in every other process each hook compiles to nothing. (A null test of the attached scheduler at
/// each hook cost about 2 ns, 15 %, on an uncontended lock acquire + release: lock-uncontended, 14.8 → 17.1 ns.)
/// There are no other test-only branches in the engine.
/// </summary>
internal static class EngineScheduling
{
    /// <summary>The AppContext switch that enables the hooks (runtimeconfig, or AppContext.SetSwitch before the
    /// engine's first use): test projects and `lab run`/`lab explore`/`lab replay` set it.</summary>
    public const string SwitchName = "Lab.Engine.Scheduling.Enabled";

    /// <summary>The environment variable that enables the hooks: how a child started under a scheduler gets them.</summary>
    public const string EnvironmentVariable = "LAB_ENGINE_SCHEDULING";

    /// <summary>Whether this process can attach a scheduler; fixed when the engine first uses its hooks.</summary>
    public static readonly bool Enabled =
        (AppContext.TryGetSwitch(SwitchName, out var on) && on) || Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    private static IEngineScheduler? _attached;

    /// <summary>The attached scheduler, if any.</summary>
    public static IEngineScheduler? Attached => Enabled ? _attached : null;

    /// <summary>Attaches <paramref name="scheduler"/> to this process until the returned handle is disposed. One at a
    /// time: attaching a second one is an error (a scheduler decides per thread which callers it controls).</summary>
    public static IDisposable Attach(IEngineScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (!Enabled)
            throw new InvalidOperationException(
                $"the engine's scheduling hooks are off in this process: set the AppContext switch {SwitchName} " +
                $"(runtimeconfig, or AppContext.SetSwitch before the engine is first used) or {EnvironmentVariable}=1 in its environment");
        if (Interlocked.CompareExchange(ref _attached, scheduler, null) is { } other)
            throw new InvalidOperationException($"an engine scheduler is already attached ({other.GetType().Name}); detach it first");
        return new Detacher(scheduler);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Point(EnginePoint point)
    {
        if (Enabled && _attached is { } scheduler) scheduler.Point(point);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryWait(nint word, int expected, TimeSpan? timeout) =>
        Enabled && _attached is { } scheduler && scheduler.TryWait(word, expected, timeout);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Woke(nint word, int count)
    {
        if (Enabled && _attached is { } scheduler) scheduler.Woke(word, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BlockingOutside()
    {
        if (Enabled && _attached is { } scheduler) scheduler.BlockingOutside();
    }

    /// <summary>A controlled thread for <paramref name="body"/>, or null: the caller starts a real one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IEngineThread? TryStartThread(Action body, string name) =>
        Enabled && _attached is { } scheduler ? scheduler.TryStartThread(body, name) : null;

    /// <summary>Monitor.Wait(gate), or its controlled form.</summary>
    internal static void MonitorWait(object gate)
    {
        if (Enabled && _attached is { } scheduler && scheduler.TryMonitorWait(gate)) return;
        Monitor.Wait(gate);
    }

    /// <summary>Monitor.Pulse(gate), then tells the scheduler.</summary>
    internal static void MonitorPulse(object gate)
    {
        Monitor.Pulse(gate);
        if (Enabled && _attached is { } scheduler) scheduler.Pulsed(gate, all: false);
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
