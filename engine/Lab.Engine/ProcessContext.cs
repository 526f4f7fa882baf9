using Lab.Engine.Processes;

namespace Lab.Engine;

/// <summary>The analogue of a multiprocessing context: a start method and the factory of processes that use it.</summary>
public sealed class ProcessContext
{
    internal static readonly ProcessContext Spawn = new(StartMethod.Spawn);

    private ProcessContext(StartMethod method) => StartMethod = method;

    public StartMethod StartMethod { get; }

    public Process Process(Delegate target, object?[]? args = null, string? name = null, bool daemon = false, ProcessOutput output = ProcessOutput.Inherit)
        => new(target, args, name, daemon, output, this);

    /// <summary>CPython's ctx.Pipe(duplex).</summary>
    public (Connections.Connection First, Connections.Connection Second) Pipe(bool duplex = true) => Connections.Pipe.Create(duplex);
}
