using Lab.Systematic.Runtime;
using Lab.Systematic.Strategies;

namespace Lab.Systematic.Exploration;

/// <summary>
/// Runs iterations of programs, one at a time, on a pool of carrier threads that it keeps between iterations. The
/// calling thread is the driver: it hands the token to the main operation, waits for it to come back, and, when an
/// iteration stops early (a bug, a mismatch), hands the token to each remaining live operation in id order so that it
/// unwinds (<see cref="ExecutionCanceledException"/>). Not thread-safe: one iteration at a time per engine.
/// </summary>
public sealed class ExecutionEngine(TimeSpan iterationTimeout) : IDisposable
{
    private readonly CarrierPool pool = new();
    private readonly Baton driver = new();
    private bool broken;

    public ExecutionEngine()
        : this(TimeSpan.FromSeconds(60))
    {
    }

    /// <summary>Runs one iteration of <paramref name="program"/> under <paramref name="strategy"/>, whose
    /// <see cref="SchedulingStrategy.PrepareIteration"/> the caller has already called.</summary>
    /// <exception cref="UncontrolledBlockingException">The token did not come back within the iteration timeout.</exception>
    public IterationResult Run(SystematicProgram program, SchedulingStrategy strategy, int maxSteps)
    {
        ObjectDisposedException.ThrowIf(broken, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        var runtime = new ControlledRuntime(strategy, pool, driver, maxSteps);
        var main = runtime.CreateMain(() => program.Body(runtime));
        Hand(runtime, main, program);
        while (runtime.HasLiveOperations)
            Hand(runtime, runtime.Operations.First(o => !o.IsCompleted), program);
        strategy.CompleteIteration(runtime.Steps.Count);
        return new IterationResult(runtime.Steps.ToArray(), runtime.Operations.Count, runtime.Bug, runtime.Mismatch);
    }

    public void Dispose()
    {
        if (!broken) pool.Shutdown();
        broken = true;
    }

    private void Hand(ControlledRuntime runtime, ControlledOperation operation, SystematicProgram program)
    {
        runtime.Current = operation;
        operation.Carrier!.Baton.Release();
        if (driver.Wait(iterationTimeout)) return;
        broken = true;
        throw new UncontrolledBlockingException(
            $"{program.Name}: no scheduling point was reached for {iterationTimeout.TotalSeconds:0} s after step {runtime.Steps.Count}: " +
            "an operation is blocked or looping outside the seam (a real lock, a sleep, I/O, a spin without Yield)");
    }
}
