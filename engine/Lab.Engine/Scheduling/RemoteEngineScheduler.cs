using Lab.Engine.Interop;

namespace Lab.Engine.Scheduling;

/// <summary>
/// The child side of systematic testing across real processes (issue #5 §3): the worker installs it before the target
/// runs when the parent started the child under an <see cref="IChildSchedulerHost"/>. Every engine scheduling point in
/// this process becomes a request to the parent, which answers when the strategy chooses this process. The whole
/// process is one controlled operation: its threads (the target, a queue's feeder) share it, so requests are
/// serialized here and only one is ever outstanding.
/// <para>
/// Futex waits: a wait whose word has already changed returns at once; otherwise the parent is told the process is
/// blocked and answers once any process woke any word (spurious wake-ups are legal: futex callers loop,
/// futex(2)) or, for a timed wait, when nothing else can run; the wait then lasts until its real deadline, so the
/// caller's clock check sees it expired.
/// </para>
/// <para>
/// No hang if the parent dies: EOF on the channel, or no answer for <see cref="AnswerTimeout"/>, ends this process at
/// once with <see cref="ParentGoneExitCode"/> (its target cannot go on without a scheduler, and waiting would leak it).
/// </para>
/// </summary>
internal sealed class RemoteEngineScheduler : IEngineScheduler
{
    public const int ParentGoneExitCode = ChildScheduling.ParentGoneExitCode;

    /// <summary>A parent that is alive answers within one step of another child; minutes mean it is stuck or gone.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(5);

    private readonly int _fd;
    private readonly object _request = new();
    private readonly object _write = new();

    private RemoteEngineScheduler(int fd) => _fd = fd;

    /// <summary>Attaches a scheduler over descriptor <paramref name="fd"/> (made close-on-exec: grandchildren must not
    /// hold the channel open) for the rest of this process, and waits at the first point (Started).</summary>
    public static void Install(int fd)
    {
        Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        var scheduler = new RemoteEngineScheduler(fd);
        EngineScheduling.Attach(scheduler);
        scheduler.Request(new ChildMessage(ChildMessageKind.Started, EnginePoint.Dispatch, false, 0));
    }

    public void Point(EnginePoint point) => Request(new ChildMessage(ChildMessageKind.Point, point, false, 0));

    public unsafe bool TryWait(nint word, int expected, TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero) return false;
        if (Volatile.Read(ref *(int*)word) != expected) return true;
        var started = Environment.TickCount64;
        var answer = Request(new ChildMessage(ChildMessageKind.Blocked, EnginePoint.Wait, timeout is not null, 0));
        if (answer == RemoteProtocol.TimeOut && timeout is { } limit)
        {
            var left = limit - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
            if (left > TimeSpan.Zero) Thread.Sleep(left + TimeSpan.FromMilliseconds(1));
        }
        return true;
    }

    public void Woke(nint word, int count) => Send(new ChildMessage(ChildMessageKind.Woke, EnginePoint.Notify, false, count));

    public void BlockingOutside() => Send(new ChildMessage(ChildMessageKind.Outside, EnginePoint.Receive, false, 0));

    private byte Request(ChildMessage message)
    {
        lock (_request)
        {
            Send(message);
            Span<byte> answer = stackalloc byte[1];
            try
            {
                if (RemoteProtocol.WaitReadable(_fd, (int)AnswerTimeout.TotalMilliseconds) && RemoteProtocol.ReadExactly(_fd, answer)
                    && answer[0] is RemoteProtocol.Go or RemoteProtocol.TimeOut)
                    return answer[0];
            }
            catch (IOException) { }
            ParentGone("no answer from the scheduler");
            return 0;
        }
    }

    private void Send(ChildMessage message)
    {
        Span<byte> bytes = stackalloc byte[RemoteProtocol.MessageBytes];
        RemoteProtocol.Encode(message, bytes);
        bool sent;
        lock (_write) sent = RemoteProtocol.WriteAll(_fd, bytes);
        if (!sent) ParentGone("the scheduler's channel is closed");
    }

    private static void ParentGone(string why)
    {
        Console.Error.WriteLine($"Lab.Engine.Worker: {why} (the parent detached or died); exiting with {ParentGoneExitCode}");
        Console.Error.Flush();
        Libc._exit(ParentGoneExitCode);
    }
}
