using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Lab.Engine.Interop;

namespace Lab.Engine.Processes;

/// <summary>What a child receives: argv, extra environment, and which parent descriptors become which child
/// descriptors (everything else is close-on-exec and does not reach it).</summary>
internal sealed record SpawnRequest(string[] Argv, IReadOnlyDictionary<string, string> ExtraEnvironment, IReadOnlyList<(int Source, int Target)> Descriptors);

/// <summary>
/// Starts children with posix_spawn(3) from one long-lived thread. The thread matters: PR_SET_PDEATHSIG, which
/// daemon children use to die with their parent, fires when the *thread* that created the child exits
/// (man 2 prctl), so spawning from a short-lived pool thread would kill daemons early.
/// </summary>
internal static class ChildSpawner
{
    private static readonly BlockingCollection<(SpawnRequest Request, TaskCompletionSource<int> Result)> Requests = new();
    private static readonly Lazy<Thread> Thread = new(StartThread);

    public static int Spawn(SpawnRequest request)
    {
        _ = Thread.Value;
        var result = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((request, result));
        return result.Task.GetAwaiter().GetResult();
    }

    private static Thread StartThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var (request, result) in Requests.GetConsumingEnumerable())
            {
                try { result.SetResult(SpawnNow(request)); }
                catch (Exception e) { result.SetException(e); }
            }
        }) { IsBackground = true, Name = "lab-engine-spawner" };
        thread.Start();
        return thread;
    }

    private static unsafe int SpawnNow(SpawnRequest request)
    {
        var actions = Marshal.AllocHGlobal(Libc.OpaqueSpawnStructBytes);
        var attr = Marshal.AllocHGlobal(Libc.OpaqueSpawnStructBytes);
        var sigset = Marshal.AllocHGlobal(Libc.OpaqueSpawnStructBytes);
        var strings = new List<nint>();
        try
        {
            Check(Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            foreach (var (source, target) in request.Descriptors)
                Check(Libc.posix_spawn_file_actions_adddup2(actions, source, target), "posix_spawn_file_actions_adddup2");

            // The child starts with no blocked signals and default dispositions, whatever this thread inherited.
            Check(Libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
            Libc.sigemptyset(sigset);
            Check(Libc.posix_spawnattr_setsigmask(attr, sigset), "posix_spawnattr_setsigmask");
            for (var sig = 1; sig < 32; sig++)
                if (sig != Libc.SIGKILL && sig != 19 /* SIGSTOP */) Libc.sigaddset(sigset, sig);
            Check(Libc.posix_spawnattr_setsigdefault(attr, sigset), "posix_spawnattr_setsigdefault");
            Check(Libc.posix_spawnattr_setflags(attr, Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF), "posix_spawnattr_setflags");

            var argv = NullTerminated(request.Argv, strings);
            var envp = NullTerminated(Environment(request.ExtraEnvironment), strings);
            var path = (byte*)Utf8(request.Argv[0], strings);
            var errno = Libc.posix_spawn(out var pid, path, actions, attr, argv, envp);
            if (errno != 0)
                throw new ProcessStartError($"posix_spawn of '{request.Argv[0]}' failed: {Libc.Describe(errno)}");
            return pid;
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
            Libc.posix_spawnattr_destroy(attr);
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attr);
            Marshal.FreeHGlobal(sigset);
            foreach (var p in strings) Marshal.FreeHGlobal(p);
        }
    }

    private static string[] Environment(IReadOnlyDictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (k, v) in extra) env[k] = v;
        return env.Select(kv => $"{kv.Key}={kv.Value}").ToArray();
    }

    private static unsafe byte** NullTerminated(string[] items, List<nint> owned)
    {
        var array = (byte**)Marshal.AllocHGlobal((items.Length + 1) * sizeof(nint));
        owned.Add((nint)array);
        for (var i = 0; i < items.Length; i++) array[i] = (byte*)Utf8(items[i], owned);
        array[items.Length] = null;
        return array;
    }

    private static nint Utf8(string s, List<nint> owned)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var p = Marshal.AllocHGlobal(bytes.Length + 1);
        Marshal.Copy(bytes, 0, p, bytes.Length);
        Marshal.WriteByte(p, bytes.Length, 0);
        owned.Add(p);
        return p;
    }

    private static void Check(int rc, string call)
    {
        if (rc != 0) throw new ProcessStartError($"{call} failed: {Libc.Describe(rc)}");
    }
}
