namespace Lab.Systematic.Runtime;

/// <summary>
/// A thread that runs controlled operations, one at a time, each to its end: the scheduler assigns an operation
/// (<see cref="Operation"/>), and the operation runs whenever the carrier's <see cref="Baton"/> is released. Carriers
/// are reused across iterations, so an iteration costs hand-offs, not thread starts. A carrier released with no
/// operation assigned exits. Background threads: a carrier stuck in uncontrolled code never keeps the process alive.
/// </summary>
internal sealed class Carrier
{
    [ThreadStatic]
    private static Carrier? current;

    private readonly Thread thread;

    public Carrier(int index)
    {
        thread = new Thread(Loop) { IsBackground = true, Name = $"lab-systematic-{index}" };
        thread.Start();
    }

    /// <summary>The carrier of the calling thread, or null on any other thread.</summary>
    public static Carrier? Current => current;

    public Baton Baton { get; } = new();

    /// <summary>Written only by whoever holds the scheduler's token, read by this thread after its baton is released.</summary>
    public ControlledOperation? Operation { get; set; }

    private void Loop()
    {
        current = this;
        while (true)
        {
            Baton.Wait();
            var operation = Operation;
            if (operation is null) return;
            operation.Runtime.Execute(operation);
        }
    }
}
