using Lab.Systematic.Seam;

namespace Lab.Systematic.Runtime;

/// <summary>
/// A controlled operation: a body run on a carrier thread of this process, which executes only while it holds the
/// scheduler's token. Ids are dense and given in creation order (the main operation is 0), so the same schedule names
/// the same operations in every run.
/// </summary>
public sealed class ControlledOperation : IControlledResource, ISeamOperation
{
    internal ControlledOperation(ControlledRuntime runtime, int id, string name, Action body)
    {
        Runtime = runtime;
        Id = id;
        Name = name;
        Body = body;
    }

    public int Id { get; }

    public string Name { get; }

    public bool IsCompleted => Status == OperationStatus.Completed;

    internal ControlledRuntime Runtime { get; }

    internal Action Body { get; }

    internal OperationStatus Status { get; set; } = OperationStatus.Enabled;

    internal IControlledResource? BlockedOn { get; set; }

    /// <summary>While blocked by <see cref="ControlledRuntime.BlockOnTimed"/>: when it blocked (lower is older).</summary>
    internal long? TimedSince { get; set; }

    /// <summary>Set when the runtime ended the caller's timed block by a time-out rather than a wake-up.</summary>
    internal bool TimedOut { get; set; }

    internal Carrier? Carrier { get; set; }

    /// <summary>Blocks the calling operation until this one has completed (a scheduling point).</summary>
    public void Join() => Runtime.Join(this);

    public string DescribeWait() => $"{this} to complete";

    public override string ToString() => $"op {Id} '{Name}'";
}
