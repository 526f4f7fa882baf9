using Lab.Systematic.Exploration;

namespace Lab.Systematic.Coyote;

/// <summary>
/// A bug Coyote reported, in our terms: its report text (the first line; the rest is a stack trace) and the kind it
/// reads as. Coyote words its reports (<c>Source/Core/Runtime/CoyoteRuntime.cs</c>): "Deadlock detected." (or
/// "Potential deadlock detected."), "Unhandled exception. …", "… liveness bug …"; anything else is an assertion message
/// (the program's own, passed through <c>Specification.Assert</c>).
/// </summary>
public sealed record CoyoteBug(BugKind Kind, string Message)
{
    public static CoyoteBug FromReport(string report)
    {
        var firstLine = report.Split('\n', 2)[0].TrimEnd('\r');
        var kind = firstLine switch
        {
            _ when firstLine.StartsWith("Deadlock detected", StringComparison.Ordinal) || firstLine.StartsWith("Potential deadlock", StringComparison.Ordinal) => BugKind.Deadlock,
            _ when firstLine.StartsWith("Unhandled exception", StringComparison.Ordinal) => BugKind.UnhandledException,
            _ when firstLine.Contains("liveness bug", StringComparison.Ordinal) => BugKind.Liveness,
            _ => BugKind.Assertion,
        };
        return new CoyoteBug(kind, firstLine);
    }

    public override string ToString() => $"{Kind.ToName()}: {Message}";
}
