using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>Targets run in engine children (static methods: the engine's module-level functions).</summary>
public static class ExitCodeTargets
{
    /// <summary>What <see cref="ExitWithValue"/> exits with for "text" (SystemExitValuesScenario.Text).</summary>
    public const string SystemExitText = "lab-text";

    /// <summary>What <see cref="Raise"/> raises (UnhandledExceptionScenario.Message).</summary>
    public const string RaisedMessage = "lab-boom";

    [ProcessTarget]
    public static void Return() { }

    [ProcessTarget]
    public static void Exit(int code) => throw new SystemExit(code);

    [ProcessTarget]
    public static void ExitWithValue(string value) => throw value switch
    {
        "true" => new SystemExit(true),
        "false" => new SystemExit(false),
        "none" => new SystemExit((string?)null),
        _ => new SystemExit(SystemExitText),
    };

    [ProcessTarget]
    public static void Raise() => throw new InvalidOperationException(RaisedMessage);

    [ProcessTarget]
    public static void Segfault() => Lab.Engine.Diagnostics.Faults.Segfault();

    [ProcessTarget]
    public static void Abort() => Lab.Engine.Diagnostics.Faults.Abort();

    /// <summary>Says "ready" and then blocks until killed (or until the scenario goes away).</summary>
    [ProcessTarget]
    public static void ReadyThenBlock(string rendezvous)
    {
        using var peer = Rendezvous.Connect(rendezvous);
        peer.SendLine("ready");
        peer.ReceiveLine();
    }
}
