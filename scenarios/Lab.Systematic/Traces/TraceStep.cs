using System.Globalization;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Traces;

/// <summary>What a step decided: which operation runs next, a controlled boolean or integer value, or (real processes,
/// issue #5 §3) which process is killed with SIGKILL at this point. Kill was added last, so older tokens decode as before.</summary>
public enum StepType
{
    Schedule,
    Bool,
    Int,
    Kill,
}

/// <summary>
/// One decision of one iteration. A scheduling step is written <c>op(1),sp(Write),next(2)</c> (Coyote's trace steps):
/// operation 1 reached a Write scheduling point and operation 2 was chosen to run. A value step is
/// <c>op(1),bool(true)</c> or <c>op(1),int(3)</c>. A fault step is <c>op(1),sp(Write),kill(0)</c>: at op 1's Write point,
/// process 0 was killed. <see cref="IsPreemption"/> (the running operation was still
/// eligible and another was chosen) is derived when the step is taken; the text form does not carry it.
/// </summary>
public readonly record struct TraceStep(StepType Type, int Operation, SchedulingPointKind Kind, int Choice, bool IsPreemption = false)
{
    public static TraceStep Scheduled(int operation, SchedulingPointKind kind, int next, bool preemption) =>
        new(StepType.Schedule, operation, kind, next, preemption);

    public static TraceStep Value(int operation, StepType type, int value) => new(type, operation, default, value);

    public static TraceStep Killed(int operation, SchedulingPointKind kind, int victim) => new(StepType.Kill, operation, kind, victim);

    public override string ToString() => Type switch
    {
        StepType.Schedule => $"op({Operation}),sp({Kind}),next({Choice})",
        StepType.Kill => $"op({Operation}),sp({Kind}),kill({Choice})",
        StepType.Bool => $"op({Operation}),bool({(Choice != 0 ? "true" : "false")})",
        _ => $"op({Operation}),int({Choice.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <exception cref="FormatException">Not one of the three forms above.</exception>
    public static TraceStep Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var op = Int(Field(parts, 0, "op", text), text);
        if (parts.Length == 3)
        {
            var kindText = Field(parts, 1, "sp", text);
            if (!Enum.TryParse<SchedulingPointKind>(kindText, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
                throw new FormatException($"unknown scheduling point '{kindText}' in trace step '{text}'");
            if (parts[2].StartsWith("kill(", StringComparison.Ordinal))
                return Killed(op, kind, Int(Field(parts, 2, "kill", text), text));
            return Scheduled(op, kind, Int(Field(parts, 2, "next", text), text), preemption: false);
        }
        if (parts.Length == 2 && parts[1].StartsWith("bool(", StringComparison.Ordinal))
        {
            return Field(parts, 1, "bool", text) switch
            {
                "true" => Value(op, StepType.Bool, 1),
                "false" => Value(op, StepType.Bool, 0),
                _ => throw new FormatException($"bad boolean in trace step '{text}'"),
            };
        }
        if (parts.Length == 2)
            return Value(op, StepType.Int, Int(Field(parts, 1, "int", text), text));
        throw new FormatException($"trace step '{text}' is not op(N),sp(KIND),next(N), op(N),sp(KIND),kill(N), op(N),bool(B) or op(N),int(N)");
    }

    private static string Field(string[] parts, int index, string name, string text)
    {
        var part = parts[index];
        if (!part.StartsWith(name + "(", StringComparison.Ordinal) || !part.EndsWith(')'))
            throw new FormatException($"expected {name}(...) as field {index + 1} of trace step '{text}'");
        return part[(name.Length + 1)..^1];
    }

    private static int Int(string value, string text) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"bad number '{value}' in trace step '{text}'");
}
