namespace Lab.Systematic.Runtime;

/// <summary>Where an operation stands. Only <see cref="Enabled"/> operations can be chosen at a scheduling point.</summary>
internal enum OperationStatus
{
    Enabled,

    /// <summary>Waiting on a resource (<see cref="ControlledOperation.BlockedOn"/>) until the resource wakes it.</summary>
    Blocked,

    Completed,
}
