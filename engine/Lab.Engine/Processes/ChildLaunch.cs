namespace Lab.Engine.Processes;

/// <summary>What every start method needs to create a child: the descriptors its arguments inherit, its daemon
/// flag, where its output goes, and the bootstrap frame, which depends on where the child finds the inherited
/// descriptors (fd_base). <paramref name="SchedulerFd"/> is the child's end of a systematic scheduler's channel
/// (issue #5 §3), which it expects at <see cref="ControlProtocol.SchedulerFd"/>; null when no scheduler is attached.</summary>
internal sealed record LaunchRequest(IReadOnlyList<int> Inherited, bool Daemon, ProcessOutput Output, Func<int, byte[]> Bootstrap, int? SchedulerFd = null,
    WorkerKind Worker = WorkerKind.Jit);

/// <summary>A created child: the parent's ends of its bootstrap pipe and of its captured output. Input is null when
/// the launcher has already written the bootstrap.</summary>
internal sealed record Launched(Child Child, FileStream? Input, byte[] Bootstrap, FileStream? Stdout, FileStream? Stderr);

/// <summary>One per start method, like CPython's popen_spawn_posix.py and popen_forkserver.py.</summary>
internal interface IChildLauncher
{
    Launched Launch(LaunchRequest request);
}

internal static class ChildLaunchers
{
    public static IChildLauncher For(StartMethod method) => method switch
    {
        StartMethod.Spawn => SpawnLauncher.Instance,
        StartMethod.ForkServer => Forking.ForkServerLauncher.Instance,
        _ => throw new StartMethodNotAvailableError($"no launcher for the '{method.ToName()}' start method"),
    };
}

/// <summary>The pipes of one child: bootstrap in (child's fd 3), control out (fd 4), and stdout/stderr when
/// captured. Every end is close-on-exec here; the launcher moves the child's ends into it.</summary>
internal sealed class ChildPipes
{
    public UnixPipe Input { get; } = UnixPipe.Create();
    public UnixPipe Control { get; } = UnixPipe.Create();
    public UnixPipe? Stdout { get; }
    public UnixPipe? Stderr { get; }

    public ChildPipes(ProcessOutput output)
    {
        if (output != ProcessOutput.Capture) return;
        Stdout = UnixPipe.Create();
        Stderr = UnixPipe.Create();
    }

    public void CloseAll()
    {
        Input.CloseBoth(); Control.CloseBoth(); Stdout?.CloseBoth(); Stderr?.CloseBoth();
    }

    /// <summary>Once the child has its copies: closes the child's ends here.</summary>
    public void CloseChildEnds()
    {
        UnixPipe.Close(Input.TakeRead());
        UnixPipe.Close(Control.TakeWrite());
        UnixPipe.Close(Stdout?.TakeWrite() ?? -1);
        UnixPipe.Close(Stderr?.TakeWrite() ?? -1);
    }

    /// <param name="bootstrap">Null if the launcher has written it already.</param>
    public Launched Finish(Child child, byte[]? bootstrap) =>
        new(child, bootstrap is null ? null : Input.OpenWrite(), bootstrap ?? [], Stdout?.OpenRead(), Stderr?.OpenRead());
}

/// <summary>spawn: posix_spawn of a fresh worker that gets its descriptors by dup2 file actions.</summary>
internal sealed class SpawnLauncher : IChildLauncher
{
    public static readonly SpawnLauncher Instance = new();

    /// <summary>A child started under a scheduler gets the engine's scheduling hooks (Scheduling/EngineScheduling.cs).</summary>
    private static readonly IReadOnlyDictionary<string, string> ScheduledEnvironment =
        new Dictionary<string, string>(WorkerLocator.Environment) { [Scheduling.EngineScheduling.EnvironmentVariable] = "1" };

    public Launched Launch(LaunchRequest request)
    {
        var pipes = new ChildPipes(request.Output);
        var fixedDescriptors = new List<(int Source, int Target)> { (DevNull.Descriptor, 0), (pipes.Input.ReadFd, ControlProtocol.ChildInFd), (pipes.Control.WriteFd, ControlProtocol.ChildOutFd) };
        if (pipes.Stdout is not null && pipes.Stderr is not null)
        {
            fixedDescriptors.Add((pipes.Stdout.WriteFd, 1));
            fixedDescriptors.Add((pipes.Stderr.WriteFd, 2));
        }
        if (request.SchedulerFd is { } schedulerFd) fixedDescriptors.Add((schedulerFd, ControlProtocol.SchedulerFd));
        // posix_spawn applies dup2()s in order: inherited descriptors go first, to numbers above every source, so no
        // dup2 overwrites a descriptor that a later one still has to copy; the fixed 0..4 come last (their sources
        // are all >= 10).
        var fdBase = Math.Max(10, request.Inherited.Concat(fixedDescriptors.Select(d => d.Source)).DefaultIfEmpty(0).Max() + 1);
        var descriptors = request.Inherited.Select((fd, slot) => (fd, fdBase + slot)).Concat(fixedDescriptors).ToList();
        var bootstrap = request.Bootstrap(fdBase);
        lock (ChildRegistry.SpawnGate)
        {
            int pid;
            try
            {
                pid = ChildSpawner.Spawn(new SpawnRequest(WorkerLocator.CommandFor(request.Worker), request.SchedulerFd is null ? WorkerLocator.Environment : ScheduledEnvironment, descriptors));
            }
            catch
            {
                pipes.CloseAll();
                throw;
            }
            pipes.CloseChildEnds();
            return pipes.Finish(new Child(pid, pipes.Control.TakeRead(), request.Daemon), bootstrap);
        }
    }
}
