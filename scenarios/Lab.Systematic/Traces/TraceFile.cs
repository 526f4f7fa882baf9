using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lab.Systematic.Exploration;

namespace Lab.Systematic.Traces;

/// <summary>
/// The JSON trace of a schedule (after Coyote's <c>.trace</c> files: the settings, then one string per step). Format
/// <c>lab-systematic-trace/1</c>:
/// <code>
/// { "format": "lab-systematic-trace/1", "program": "unlocked-counter", "strategy": "pct(d=3)", "seed": 7,
///   "iteration": 12, "maxSteps": 1000, "shrunk": true,
///   "bug": { "kind": "assertion", "message": "...", "step": 9, "detail": "..." },
///   "preemptions": 1, "token": "lab1....", "replay": "lab replay PATH",
///   "steps": [ "op(0),sp(Create),next(0)", "op(0),sp(Create),next(1)", "op(1),sp(Read),next(2)", ... ] }
/// </code>
/// Step N (1-based) is the N-th entry of <c>steps</c>. Reading ignores <c>token</c>, <c>replay</c> and
/// <c>preemptions</c> (they are for people).
/// </summary>
public static class TraceFile
{
    public const string Format = "lab-systematic-trace/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Traces are files for people, never embedded in HTML: keep quotes and apostrophes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the trace (replacing the file); <paramref name="replayCommand"/> is stored for people to copy.</summary>
    public static void Write(string path, Schedule schedule, string? replayCommand = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var dto = new TraceDto
        {
            Format = Format,
            Program = schedule.Program,
            Strategy = schedule.Strategy,
            Seed = schedule.Seed,
            Iteration = schedule.Iteration,
            MaxSteps = schedule.MaxSteps,
            Shrunk = schedule.Shrunk,
            Bug = schedule.Bug is null ? null : new BugDto { Kind = schedule.Bug.Kind.ToName(), Message = schedule.Bug.Message, Step = schedule.Bug.Step, Detail = schedule.Bug.Detail },
            Preemptions = schedule.Preemptions,
            Token = ReplayToken.Encode(schedule),
            Replay = replayCommand,
            Steps = schedule.Steps.Select(s => s.ToString()).ToList(),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(dto, Options) + "\n");
    }

    /// <exception cref="FormatException">Not a trace of this format, or a malformed step.</exception>
    public static Schedule Read(string path)
    {
        TraceDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<TraceDto>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a trace file: {e.Message}", e);
        }
        if (dto is null || dto.Format != Format)
            throw new FormatException($"{path} is not a trace file of format {Format}");
        if (dto.Program is null || dto.Strategy is null || dto.Steps is null)
            throw new FormatException($"{path}: a trace needs program, strategy and steps");
        var bug = dto.Bug is null ? null : new Bug(BugKinds.Parse(dto.Bug.Kind ?? ""), dto.Bug.Message ?? "", dto.Bug.Step, dto.Bug.Detail ?? "");
        return new Schedule(dto.Program, dto.Strategy, dto.Seed, dto.Iteration, dto.MaxSteps, dto.Steps.Select(TraceStep.Parse).ToList(), bug, dto.Shrunk);
    }

    private sealed class TraceDto
    {
        public string? Format { get; set; }
        public string? Program { get; set; }
        public string? Strategy { get; set; }
        public ulong Seed { get; set; }
        public int Iteration { get; set; }
        public int MaxSteps { get; set; }
        public bool Shrunk { get; set; }
        public BugDto? Bug { get; set; }
        public int Preemptions { get; set; }
        public string? Token { get; set; }
        public string? Replay { get; set; }
        public List<string>? Steps { get; set; }
    }

    private sealed class BugDto
    {
        public string? Kind { get; set; }
        public string? Message { get; set; }
        public int Step { get; set; }
        public string? Detail { get; set; }
    }
}
