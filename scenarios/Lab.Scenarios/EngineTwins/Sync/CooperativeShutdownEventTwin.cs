using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>A child works under a lock until a stop Event is set; the parent sets it and checks the child's finally and the lock.</summary>
public sealed class CooperativeShutdownEventTwin : EngineTwin
{
    public override string Id => "sync.cooperative-shutdown-event";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var marker = new TempMarker();
        using var scope = new ChildScope(context, budget);
        using var stop = new ProcessEvent();
        using var @lock = new ProcessLock();
        var (reader, writer) = Pipe.Create(duplex: false);
        using var ownEnd = reader;
        var p = scope.Start(SyncTargets.WorkUntilStopped, [stop, @lock, writer, marker.Path]);
        writer.Close();
        if (!Expect.Message(reader, scope, p, "the child's 'running'", out _, out var failure)) return failure!;
        stop.Set();
        if (!scope.Join(p)) return Run.Hang("the child asked to stop");
        var free = @lock.Acquire(timeout: TimeSpan.FromMilliseconds(500));
        if (free) @lock.Release();
        return new(Observe.Pairs(("finally_ran", marker.Exists), ("lock_free", free)),
            $"Set() while the child works under the lock; exit code {p.ExitCode} (4: its loop timed out); marker {marker.Exists}");
    }
}
