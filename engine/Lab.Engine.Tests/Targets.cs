using Lab.Engine.Processes;

namespace Lab.Engine.Tests;

/// <summary>Static targets for child processes, the analogue of module-level functions.</summary>
public static class Targets
{
    public static void Noop() { }

    public static void ExitWith(int code) => throw new SystemExit(code);

    public static void Throw(string message) => throw new InvalidOperationException(message);

    public static void Print(string text) { Console.Out.Write(text); Console.Error.Write("err:" + text); }

    public static void SleepForever() => Thread.Sleep(Timeout.Infinite);

    public static void Abort() => Interop.Libc.abort();

    public static void Echo(int a, string b, List<object?> c) { }
}
