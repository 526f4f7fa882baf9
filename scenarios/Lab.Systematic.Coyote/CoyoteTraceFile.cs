using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lab.Systematic.Coyote;

/// <summary>
/// A Coyote bug's trace as a file `lab replay` takes: Coyote's own <c>ReproducibleTrace</c> (JSON; it names the
/// strategy, seed and every scheduling decision but not the program) wrapped with the program's name and the bug. Format
/// <c>lab-coyote-trace/1</c>:
/// <code>
/// { "format": "lab-coyote-trace/1", "program": "unlocked-counter", "strategy": "random", "seed": 123,
///   "bug": "lost update: the counter is 1 after two increments", "replay": "lab replay PATH", "coyoteTrace": "{…}" }
/// </code>
/// </summary>
public static class CoyoteTraceFile
{
    public const string Format = "lab-coyote-trace/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static void Write(string path, CoyoteReport report, string replayCommand)
    {
        if (report.Trace is null || report.Bug is null) throw new ArgumentException("only a report with a bug has a trace", nameof(report));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, JsonSerializer.Serialize(new Dto(Format, report.Program, report.Strategy, report.Seed, report.Bug.Message, replayCommand, report.Trace), Options));
    }

    /// <summary>True if <paramref name="path"/> holds a trace of this format (and not, say, one of our own).</summary>
    public static bool Is(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == Format;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <returns>The program's name, the recorded bug message and Coyote's trace.</returns>
    /// <exception cref="FormatException">Not a trace of this format.</exception>
    public static (string Program, string Bug, string Trace) Read(string path)
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a {Format} file: {e.Message}");
        }
        if (dto is null || dto.Format != Format || string.IsNullOrEmpty(dto.Program) || string.IsNullOrEmpty(dto.CoyoteTrace))
            throw new FormatException($"{path}: not a {Format} file (format, program and coyoteTrace are required)");
        return (dto.Program, dto.Bug ?? "", dto.CoyoteTrace);
    }

    private sealed record Dto(
        string Format,
        string Program,
        string? Strategy,
        uint Seed,
        string? Bug,
        string? Replay,
        [property: JsonPropertyName("coyoteTrace")] string CoyoteTrace);
}
