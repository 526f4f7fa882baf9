using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Support;

/// <summary>Small building blocks shared by scenarios: run one child to its end, or signal it once it is ready.</summary>
public static class Run
{
    /// <summary>Starts a child, joins it within the scope's budget; null means it hung (it is killed by the scope).</summary>
    public static Process? ToEnd(ChildScope scope, Delegate target, object?[]? args = null, ProcessOutput output = ProcessOutput.Inherit)
    {
        var p = scope.Start(target, args, output: output);
        return scope.Join(p) ? p : null;
    }

    /// <summary>Starts <see cref="EngineTwins.ExitCodes.ExitCodeTargets.ReadyThenBlock"/>-style child, waits for its "ready",
    /// applies <paramref name="act"/>, and joins. Null means it never got ready or never ended.</summary>
    public static Process? ReadyThen(ChildScope scope, Delegate target, Action<Process> act, object?[]? extraArgs = null)
    {
        using var rendezvous = Rendezvous.Create();
        var p = scope.Start(target, [rendezvous.Path, .. extraArgs ?? []]);
        using var peer = rendezvous.Accept(scope.Remaining, out var line);
        if (peer is null || line != "ready") return null;
        act(p);
        return scope.Join(p) ? p : null;
    }

    public static Observation Hang(string what) => new(Observation.Hang, $"{what} did not finish within the scenario's budget; it was killed");
}
