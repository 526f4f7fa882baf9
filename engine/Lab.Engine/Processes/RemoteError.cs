namespace Lab.Engine.Processes;

/// <summary>An unhandled exception of a child, as a structured record (the child also prints it to its stderr,
/// like CPython's "Process Name:" + traceback).</summary>
public sealed record RemoteError(string Type, string Message, string Traceback)
{
    public override string ToString() => $"{Type}: {Message}";
}
