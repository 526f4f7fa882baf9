namespace Lab.Engine;

/// <summary>The executable a child runs in (issue #11; engine/README.md, "Which worker runs a child").</summary>
public enum WorkerKind
{
    /// <summary>Lab.Engine.Worker on the JIT runtime: loads the target's assembly from its path and runs any valid target.</summary>
    Jit,

    /// <summary>A Native AOT worker host: starts in a few milliseconds with a few MB, runs only the [ProcessTarget] methods
    /// compiled into it.</summary>
    Aot,
}

/// <summary>Which worker a context's children get.</summary>
public enum WorkerChoice
{
    /// <summary>The AOT worker when one is configured and the target is compiled into it, else the JIT worker.</summary>
    Auto,

    /// <summary>Always the JIT worker.</summary>
    Jit,

    /// <summary>Always the AOT worker: a start fails in the parent (InvalidTargetError, ProcessStartError) when none is
    /// configured or the target is not compiled into it.</summary>
    Aot,
}
