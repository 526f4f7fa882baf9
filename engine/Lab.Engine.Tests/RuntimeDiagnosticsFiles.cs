namespace Lab.Engine.Tests;

/// <summary>The files a .NET process with diagnostics on creates in its temporary directory (the debugger's
/// clr-debug-pipe-PID-in/out and the diagnostics server's dotnet-diagnostic-PID-*-socket) and removes only at a normal
/// shutdown: what a killed one leaves behind.</summary>
internal static class RuntimeDiagnosticsFiles
{
    public static IReadOnlyList<string> Of(int pid) =>
    [
        .. Directory.EnumerateFiles(Path.GetTempPath(), $"clr-debug-pipe-{pid}-*"),
        .. Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*"),
    ];
}
