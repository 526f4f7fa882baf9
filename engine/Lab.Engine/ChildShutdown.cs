namespace Lab.Engine;

/// <summary>How one child ended in <see cref="Multiprocessing.ShutdownChildren"/>: its exit code (1 for a child that
/// handled the request, -15 for one that died by it, -9 when killed at the deadline; null only if a killed child could
/// not be reaped within 10 s) and whether the deadline was reached.</summary>
public sealed record ChildShutdown(int Pid, int? ExitCode, bool KilledAtDeadline);
