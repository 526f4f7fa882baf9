namespace Lab.Systematic.Exploration;

/// <summary>The four kinds of bug the scheduler reports (issue #5 §1).</summary>
public enum BugKind
{
    /// <summary>A <see cref="Runtime.ControlledRuntime.Assert"/> failed.</summary>
    Assertion,

    /// <summary>Every live operation is blocked.</summary>
    Deadlock,

    /// <summary>The step bound was reached while operations were still enabled (Coyote's bounded liveness check).</summary>
    Liveness,

    /// <summary>An operation's body threw.</summary>
    UnhandledException,
}

/// <summary>A bug found in one iteration, at a 1-based step: the number of steps taken when it was detected.</summary>
public sealed record Bug(BugKind Kind, string Message, int Step, string Detail = "")
{
    /// <summary>
    /// What must match for a replayed or shrunk run to count as "the same bug": the kind, plus the assertion message or
    /// the exception's first line. Deadlocks and liveness violations match on kind alone: a shorter schedule may block a
    /// different set of operations, and it is still the bug the report is about.
    /// </summary>
    public string Signature => Kind switch
    {
        BugKind.Assertion or BugKind.UnhandledException => $"{Kind.ToName()}: {Message}",
        _ => Kind.ToName(),
    };

    public override string ToString() => $"{Kind.ToName()} at step {Step}: {Message}";
}

public static class BugKinds
{
    /// <summary>The lower-case word used in traces, tokens and CSV.</summary>
    public static string ToName(this BugKind kind) => kind switch
    {
        BugKind.Assertion => "assertion",
        BugKind.Deadlock => "deadlock",
        BugKind.Liveness => "liveness",
        BugKind.UnhandledException => "exception",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static BugKind Parse(string name) => name switch
    {
        "assertion" => BugKind.Assertion,
        "deadlock" => BugKind.Deadlock,
        "liveness" => BugKind.Liveness,
        "exception" => BugKind.UnhandledException,
        _ => throw new FormatException($"unknown bug kind '{name}'"),
    };
}
