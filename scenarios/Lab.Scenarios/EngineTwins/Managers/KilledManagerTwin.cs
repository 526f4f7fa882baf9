using Lab.Engine;
using Lab.Engine.Interop;
using Lab.Engine.Managers;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>SIGKILLs the manager's process after a first call, then calls through the same proxy.</summary>
public sealed class KilledManagerTwin : EngineTwin
{
    public override string Id => "managers.killed-manager";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var manager = Manager.StartNew(context: context);
        var list = manager.List();
        list.Append(1);
        Libc.kill(manager.Pid!.Value, Libc.SIGKILL);
        // Guarded: a call that never returns must be an observation, not a hung suite.
        var call = Task.Run(() => list.Append(2));
        try
        {
            if (!call.Wait(budget)) return Run.Hang("the call after the kill");
            return new(Observe.Pairs(("raised", false)), "Append returned after the manager was killed");
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            return new(Observe.Pairs(("raised", true)), $"{inner.GetType().Name}: {inner.Message}");
        }
    }
}
