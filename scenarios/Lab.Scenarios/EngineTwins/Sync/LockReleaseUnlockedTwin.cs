using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>Releases a Lock that is not held and reports the kind of error.</summary>
public sealed class LockReleaseUnlockedTwin : EngineTwin
{
    public override string Id => "sync.lock-release-unlocked";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var @lock = new ProcessLock();
        var (raised, how) = SyncErrors.Attempt(@lock.Release);
        return new(Observe.Pairs(("raised", raised)), $"Release() without Acquire: {how}");
    }
}

/// <summary>CPython's error kinds for the engine's exceptions: SynchronizationError "released too many times" is
/// CPython's ValueError; other SynchronizationErrors are its AssertionError/RuntimeError for misuse.</summary>
internal static class SyncErrors
{
    public static (string Raised, string How) Attempt(Action call)
    {
        try
        {
            call();
            return ("none", "no error");
        }
        catch (SynchronizationError e)
        {
            return (e.Message.Contains("released too many times", StringComparison.Ordinal) ? "value_error" : "synchronization_error",
                $"SynchronizationError: {e.Message}");
        }
        catch (Exception e)
        {
            return (e.GetType().Name, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
