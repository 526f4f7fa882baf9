using System.Text;
using System.Text.Json;
using Lab.Engine;
using Lab.Engine.Diagnostics;
using Lab.Engine.Processes;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

public static class StartMethodTargets
{
    public const string ImportTimeValue = "import-time";
    public const string RuntimeValue = "set-at-runtime";

    /// <summary>Module-level state that the parent changes at run time before starting a child.</summary>
    public static string State = ImportTimeValue;

    /// <summary>An unseeded generator created when the type is initialised: the analogue of a script's own
    /// module-level random.Random().</summary>
    private static readonly Random OwnGenerator = new();

    [ProcessTarget]
    public static void ReportState() => throw new SystemExit(State == RuntimeValue ? 10 : State == ImportTimeValue ? 20 : 3);

    [ProcessTarget]
    public static void ReportDraws(string rendezvous)
    {
        using var peer = Rendezvous.Connect(rendezvous);
        var global = string.Join(",", Enumerable.Range(0, 3).Select(_ => Random.Shared.Next()));
        var own = string.Join(",", Enumerable.Range(0, 3).Select(_ => OwnGenerator.Next()));
        peer.SendLine($"{global} {own}");
    }

    /// <summary>Runs the fork probe in this (sacrificial) process and prints its result as one JSON line. Written field by
    /// field: JsonSerializer on an object graph needs reflection that a Native AOT worker does not have.</summary>
    [ProcessTarget]
    public static void ForkAndRunManagedCode()
    {
        var result = ForkProbe.Run(TimeSpan.FromSeconds(5));
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (result.ExitCode is { } code) writer.WriteNumber("exit_code", code);
            else writer.WriteNull("exit_code");
            writer.WriteBoolean("timed_out", result.TimedOut);
            writer.WriteString("description", result.Description);
            writer.WriteEndObject();
        }
        Console.Out.WriteLine(Encoding.UTF8.GetString(json.ToArray()));
        Console.Out.Flush();
    }
}
