namespace Lab.Engine;

/// <summary>How a child process is created (seeds 59.4 to 59.7). Names follow CPython's strings.</summary>
public enum StartMethod
{
    Fork,
    Spawn,
    ForkServer,
}

public static class StartMethods
{
    public static string ToName(this StartMethod method) => method switch
    {
        StartMethod.Fork => "fork",
        StartMethod.Spawn => "spawn",
        StartMethod.ForkServer => "forkserver",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static StartMethod Parse(string name) => name switch
    {
        "fork" => StartMethod.Fork,
        "spawn" => StartMethod.Spawn,
        "forkserver" => StartMethod.ForkServer,
        _ => throw new ArgumentException($"unknown start method '{name}': expected one of fork, spawn, forkserver", nameof(name)),
    };
}
