namespace Lab.Engine.Synchronization;

/// <summary>
/// The barrier is broken, or was reset or aborted while this party waited (threading.BrokenBarrierError, which
/// multiprocessing.Barrier inherits from threading.Barrier).
/// </summary>
public sealed class BrokenBarrierError() : Exception("the barrier is broken (a party timed out, the action failed, or it was aborted or reset)");
