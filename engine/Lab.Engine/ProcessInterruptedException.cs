namespace Lab.Engine;

/// <summary>
/// A wait ended because this process received SIGINT or SIGTERM after <see cref="CurrentProcess.HandleInterrupts"/>:
/// the engine's KeyboardInterrupt. An OperationCanceledException of <see cref="CurrentProcess.Interrupted"/>, so code
/// that handles cancellation handles it; a child's target that ends by it exits with 1 (CPython's KeyboardInterrupt).
/// </summary>
public sealed class ProcessInterruptedException : OperationCanceledException
{
    public ProcessInterruptedException(int signal, CancellationToken token)
        : base($"interrupted by {(signal == 15 ? "SIGTERM" : "SIGINT")} (KeyboardInterrupt)", token) => Signal = signal;

    /// <summary>The signal number: 2 (SIGINT) or 15 (SIGTERM).</summary>
    public int Signal { get; }
}
