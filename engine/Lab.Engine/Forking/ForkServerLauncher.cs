using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.Forking;

/// <summary>
/// forkserver (CPython's popen_forkserver.py): the server hands over one of its pre-started workers. The child's
/// descriptors travel as SCM_RIGHTS in this order: stdout, stderr, bootstrap pipe (its fd 3), control pipe (fd 4),
/// then the inherited ones. The child chooses where the inherited ones land (above everything its runtime already
/// opened) and decodes with that base, so the bootstrap's fd_base is not used (PreStartedWorker.cs).
/// </summary>
internal sealed class ForkServerLauncher : IChildLauncher
{
    public static readonly ForkServerLauncher Instance = new();

    public const int FixedDescriptors = 4;

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);

    public Launched Launch(LaunchRequest request)
    {
        // The scheduler channel would need a sixth fixed descriptor in the hand-over; systematic process programs start
        // their children with spawn, so that is all the scheduler supports.
        if (request.SchedulerFd is not null)
            throw new ProcessStartError("a systematic scheduler is attached (issue #5 §3): it controls spawn children only; start this process with the spawn context");
        if (request.Inherited.Count + FixedDescriptors > Libc.MaxDescriptorsPerMessage)
            throw new ProcessStartError($"a forkserver child can inherit at most {Libc.MaxDescriptorsPerMessage - FixedDescriptors} descriptors (SCM_MAX_FD), not {request.Inherited.Count}; use spawn");
        var pipes = new ChildPipes(request.Output);
        int[] descriptors = [pipes.Stdout?.WriteFd ?? 1, pipes.Stderr?.WriteFd ?? 2, pipes.Input.ReadFd, pipes.Control.WriteFd, .. request.Inherited];
        var bootstrap = request.Bootstrap(0);
        // A bootstrap that fits in the pipe is written before the request, so the child reads it the moment it has
        // its descriptors instead of waiting for our reply round trip (a larger one is written by Process.Start).
        var sentEarly = bootstrap.Length <= 60 * 1024;
        if (sentEarly)
        {
            using var early = pipes.Input.OpenWrite();
            Serialization.Frames.Write(early, bootstrap);
        }
        // A first start boots the server outside the spawn gate, which the orphan reaper and spawn also take.
        ForkServer.EnsureRunning(request.Worker);
        lock (ChildRegistry.SpawnGate)
        {
            (int Pid, Task<int?> Exit) started;
            try
            {
                started = Start(descriptors, request.Worker);
            }
            catch
            {
                pipes.CloseAll();
                throw;
            }
            pipes.CloseChildEnds();
            var child = new Child(started.Pid, pipes.Control.TakeRead(), request.Daemon, new ServerChildExit(started.Pid, started.Exit));
            return pipes.Finish(child, sentEarly ? null : bootstrap);
        }
    }

    /// <summary>A server found dead at the request is restarted and asked once more (CPython's
    /// ensure_running restarts a dead server the same way, on the next start).</summary>
    private static (int, Task<int?>) Start(int[] descriptors, WorkerKind worker)
    {
        try
        {
            return ForkServer.Connection(worker).StartChild(descriptors, ReplyTimeout);
        }
        catch (ServerLostError)
        {
            try
            {
                return ForkServer.Connection(worker).StartChild(descriptors, ReplyTimeout);
            }
            catch (ServerLostError e)
            {
                throw new ProcessStartError($"the forkserver died twice while starting a child: {e.Message}", e);
            }
        }
    }
}
