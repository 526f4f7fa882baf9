using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Lab.Engine.Tests;

/// <summary>
/// Runs FsCheck properties from xunit (FsCheck.Xunit is not available, DESIGN.md "Scenarios"). On failure FsCheck's
/// exception message carries the shrunk counterexample and the replay seed "(seed, gamma)"; to replay it, run
/// <c>LAB_FSCHECK_REPLAY="seed,gamma" dotnet test engine/Lab.Engine.Tests --filter &lt;TestName&gt;</c>
/// (DESIGN.md, house rule 3).
/// </summary>
internal static class PropertyCheck
{
    public static void Run(Property property, int maxTest)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest);
        if (Environment.GetEnvironmentVariable("LAB_FSCHECK_REPLAY") is { Length: > 0 } replay)
        {
            var parts = replay.Trim('(', ')', ' ').Split(',', StringSplitOptions.TrimEntries);
            var rnd = new Rnd(ulong.Parse(parts[0]), ulong.Parse(parts[1]));
            config = config.WithReplay(FSharpOption<Replay>.Some(new Replay(rnd, FSharpOption<int>.None)));
        }
        try
        {
            property.Check(config);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // FsCheck's message starts "Falsifiable, after N tests (M shrinks) (seed,gamma)": that pair replays the run.
            var seed = Regex.Match(e.Message, @"\((\d+),(\d+)\)");
            var token = seed.Success ? $"{seed.Groups[1].Value},{seed.Groups[2].Value}" : "<seed>,<gamma>";
            throw new Xunit.Sdk.XunitException(
                $"{e.Message}\nReplay with: LAB_FSCHECK_REPLAY=\"{token}\" dotnet test engine/Lab.Engine.Tests --filter <this test's name>");
        }
    }
}
