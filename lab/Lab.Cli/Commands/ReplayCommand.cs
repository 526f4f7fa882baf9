using System.CommandLine;
using Lab.Systematic.Corpus;
using Lab.Systematic.Coyote;
using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;
using Lab.Systematic.Runtime;
using Lab.Systematic.Traces;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab replay TRACE|TOKEN`: re-executes a recorded schedule step by step (issue #5 §1, §5). Exit 1 when it reproduces
/// the recorded bug (printed), 2 when the trace is not reproducible (the first step that differs is named) or the input
/// is not a trace, 0 when a bug-free schedule replays bug-free.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var trace = new Argument<string>("TRACE") { Description = "a trace file written by 'lab explore' (ours, or Coyote's: coyote-*.trace.json), or a replay token (lab1.…)" };
        var steps = new Option<bool>("--steps") { Description = "print every step of the schedule as it is replayed" };
        var command = new Command("replay", "Replay a trace file or token from 'lab explore' and check that every step matches.") { trace, steps };
        command.SetAction(p => Execute(p.GetValue(trace)!, p.GetValue(steps)));
        return command;
    }

    private static int Execute(string input, bool showSteps)
    {
        SchedulingHooks.Enable();
        if (File.Exists(input) && CoyoteTraceFile.Is(input)) return ReplayCoyote(input);
        var schedule = Load(input);
        var processProgram = ProcessPrograms.Find(schedule.Program);
        var program = processProgram is not null ? null : BugCorpus.Find(schedule.Program)
            ?? throw new UsageError($"the trace is for program '{schedule.Program}', which this lab does not have " +
                                    $"(known: {string.Join(", ", BugCorpus.Programs.Select(p => p.Name).Concat(ProcessPrograms.All.Select(p => p.Name)))})");
        Console.WriteLine($"lab replay: {schedule.Program}, {schedule.Steps.Count} steps ({schedule.Strategy}, seed {schedule.Seed}, iteration {schedule.Iteration}{(schedule.Shrunk ? ", shrunk" : "")}); " +
                          $"recorded: {(schedule.Bug is null ? "no bug" : schedule.Bug.ToString())}");
        ReplayOutcome outcome;
        try
        {
            outcome = processProgram is not null ? ProcessExplorer.Replay(processProgram, schedule) : Replayer.Replay(program!, schedule);
        }
        catch (UncontrolledBlockingException e)
        {
            Console.Error.WriteLine($"lab replay: error: {e.Message}");
            return 2;
        }
        if (showSteps)
            for (var i = 0; i < outcome.Run.Steps.Count; i++)
                Console.WriteLine($"  {i + 1,5}  {outcome.Run.Steps[i]}{(outcome.Run.Steps[i].IsPreemption ? "  (preemption)" : "")}");
        if (!outcome.Reproducible)
        {
            Console.Error.WriteLine($"lab replay: {outcome.Message}");
            return 2;
        }
        if (outcome.Bug is not { } bug)
        {
            Console.WriteLine(outcome.Message);
            return 0;
        }
        Console.WriteLine($"BUG reproduced: {bug.Kind.ToName()} at step {bug.Step}: {bug.Message}");
        if (bug.Detail.Length > 0) Console.WriteLine($"  {bug.Detail.Replace("\n", "\n  ")}");
        return 1;
    }

    /// <summary>A Coyote trace (<see cref="CoyoteTraceFile"/>, written by `lab explore corpus --tester coyote|both`): Coyote's
    /// TestingEngine replays it on the program's Coyote binding, and says whether it reproduced a bug.</summary>
    private static int ReplayCoyote(string path)
    {
        string name, recorded, trace;
        try
        {
            (name, recorded, trace) = CoyoteTraceFile.Read(path);
        }
        catch (FormatException e)
        {
            throw new UsageError(e.Message);
        }
        var entry = BugCorpus.All.FirstOrDefault(p => p.Name == name || p.Fixed.Name == name)
            ?? throw new UsageError($"the Coyote trace is for program '{name}', which the corpus does not have (known: {string.Join(", ", BugCorpus.All.SelectMany(p => new[] { p.Name, p.Fixed.Name }))})");
        Console.WriteLine($"lab replay: {name} under Coyote {ExploreComparison.CoyoteVersion}; recorded: {recorded}");
        var replay = CoyoteTester.Replay(name, entry.Name == name ? entry.BuggyBody : entry.FixedBody, trace);
        if (!replay.Reproduced)
        {
            Console.Error.WriteLine("lab replay: Coyote could not reproduce the recorded bug from this trace");
            return 2;
        }
        Console.WriteLine($"BUG reproduced by Coyote: {replay.Bug}");
        return 1;
    }

    private static Schedule Load(string input)
    {
        try
        {
            if (File.Exists(input)) return TraceFile.Read(input);
            if (ReplayToken.LooksLikeToken(input)) return ReplayToken.Decode(input);
        }
        catch (FormatException e)
        {
            throw new UsageError(e.Message);
        }
        throw new UsageError($"'{input}' is neither a trace file nor a replay token (tokens start with 'lab1.')");
    }
}
