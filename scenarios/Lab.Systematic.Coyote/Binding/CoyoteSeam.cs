using Lab.Systematic.Seam;
using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using CoyoteRandom = Microsoft.Coyote.Random.Generator;

namespace Lab.Systematic.Coyote.Binding;

/// <summary>
/// The seam bound to Microsoft Coyote (1.7.11): operations are <see cref="Task"/>s started with <c>Task.Run</c> and
/// joined with <c>Task.Wait</c>, locks and semaphores are <see cref="SemaphoreSlim"/>s, conditions are built on them
/// as CPython builds <c>threading.Condition</c> on locks, shared variables are explicit Read/Write scheduling points, and
/// controlled values come from Coyote's <see cref="CoyoteRandom"/>. In this assembly's rewritten IL (<c>coyote
/// rewrite</c>, a build step) every one of them is a Coyote-controlled operation or resource while a TestingEngine
/// runs; outside one they are plain .NET.
/// <para>
/// Scheduling points: Coyote's own are at task creation, <c>Task.Wait</c>, a <c>SemaphoreSlim.Wait</c> that blocks,
/// and completion. Our seam has one before every operation, so the binding adds one (<see cref="SchedulingPoint.Interleave"/>,
/// or <see cref="SchedulingPoint.Read"/>/<see cref="SchedulingPoint.Write"/> for variables) before each acquire,
/// release, wait and notify: both testers then choose among the same interleavings of the same program.
/// </para>
/// <para>
/// One difference is Coyote's and is kept: <see cref="Yield"/> is <see cref="SchedulingPoint.Yield"/>, which 1.7.11's
/// strategies treat as a plain scheduling point (ours makes the yielder step aside when anyone else can run), so a
/// polling loop under an unfair Coyote strategy may spin until the step bound ends the iteration.
/// </para>
/// </summary>
internal sealed class CoyoteSeam : ISchedulingSeam
{
    private readonly CoyoteRandom random = CoyoteRandom.Create();

    /// <summary>Made by the test entry, on the operation that runs the program's body: that operation is "main".</summary>
    public CoyoteSeam() => CoyoteOperation.EnterMain();

    public ISeamOperation Spawn(Action body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CoyoteOperation.Start(body, name);
    }

    public void Yield() => SchedulingPoint.Yield();

    // Coyote's Assert formats its message: pass ours as an argument so that braces in it stay text.
    public void Assert(bool condition, string message) => Specification.Assert(condition, "{0}", message);

    public bool NextBool() => random.NextBoolean();

    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        return random.NextInteger(maxExclusive);
    }

    public ISeamLock NewLock(string name) => new CoyoteLock(name);

    public ISeamCondition NewCondition(ISeamLock @lock, string name) => new CoyoteCondition(
        @lock as CoyoteLock ?? throw new ArgumentException($"a condition of this seam needs a lock of this seam, not a {@lock.GetType().Name}", nameof(@lock)), name);

    public ISeamSemaphore NewSemaphore(int initialCount, int? maxCount, string name) => new CoyoteSemaphore(initialCount, maxCount, name);

    public ISeamVariable<T> NewVariable<T>(T initial, string name) => new CoyoteVariable<T>(initial, name);
}
