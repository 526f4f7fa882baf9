namespace Lab.Engine.Processes;

/// <summary>
/// Thrown by a target to end its process with a chosen exit code: the analogue of Python's sys.exit
/// (multiprocessing/process.py, BaseProcess._bootstrap): an int is the code (masked to 0..255 by the OS),
/// null is 0, a bool is 0 or 1, and text is written to stderr with code 1.
/// </summary>
public sealed class SystemExit : Exception
{
    public SystemExit(int code) : base($"exit({code})") => Code = code;

    public SystemExit(bool code) : this(code ? 1 : 0) { }

    public SystemExit(string? text) : base(text is null ? "exit(None)" : $"exit(\"{text}\")")
    {
        Text = text;
        Code = text is null ? 0 : 1;
    }

    public int Code { get; }

    public string? Text { get; }
}
