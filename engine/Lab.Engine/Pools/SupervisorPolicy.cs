namespace Lab.Engine.Pools;

/// <summary>
/// What differs between the supervisor's two users: multiprocessing.Pool (pool.py) and
/// concurrent.futures.ProcessPoolExecutor (concurrent/futures/process.py).
/// </summary>
/// <param name="MaxWindow">At most this many chunks in flight per worker; fewer when little work is queued, so the tail
/// of a map spreads over the workers (a long chunk does not sit behind another in one worker while another idles). A
/// chunk in a worker's window has started as far as cancellation goes.</param>
/// <param name="AnyAbruptDeathBreaks">A worker that dies without being asked to (not retired, not stopped) breaks the
/// pool even when it held nothing: the executor's rule (process.py, _ExecutorManagerThread.wait_result_broken_or_wakeup
/// treats any ready worker sentinel as "is_broken"). The Pool replaces an idle worker that died instead.</param>
internal sealed record SupervisorPolicy(int MaxWindow, bool AnyAbruptDeathBreaks)
{
    public static readonly SupervisorPolicy Pool = new(32, false);
}
