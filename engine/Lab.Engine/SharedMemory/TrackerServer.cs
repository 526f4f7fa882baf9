using System.Text;
using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// The tracker process's target (CPython: resource_tracker.main). It reads "REGISTER shared_memory NAME" and
/// "UNREGISTER shared_memory NAME" lines from its pipe until EOF, which comes when every process holding the write
/// end has exited, then unlinks every name still registered and exits. Registrations are counted, not a set: two
/// processes of one tree may register the same name (one of them then fails to create it with EEXIST and
/// unregisters), and a set would forget the winner's registration.
/// </summary>
internal static class TrackerServer
{
    /// <summary>Runs in the tracker worker; <paramref name="fd"/> is the inherited read end of the pipe.</summary>
    [ProcessTarget]
    internal static void Serve(int fd)
    {
        // CPython's tracker ignores SIGINT and SIGTERM ("protect the process from ^C and killall python"): a Ctrl-C
        // that kills the whole foreground process group must not kill the tracker before it has cleaned up.
        Libc.signal(Libc.SIGINT, Libc.SIG_IGN);
        Libc.signal(Libc.SIGTERM, Libc.SIG_IGN);
        Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);

        var registered = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var stream = UnixPipe.Open(fd, FileAccess.Read);
            using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            while (reader.ReadLine() is { } line) Apply(line, registered);
        }
        catch (IOException)
        {
            // A read error ends the tracking like EOF does: what is registered is unlinked below.
        }
        finally
        {
            foreach (var (name, count) in registered)
                if (count > 0) Libc.unlink(SharedMemoryNames.PathOf(name));
        }
    }

    /// <summary>Malformed lines are ignored (CPython prints them and goes on); a name that is not a plain file name
    /// in /dev/shm is never registered, so the tracker cannot be made to unlink anything outside it.</summary>
    internal static void Apply(string line, Dictionary<string, int> registered)
    {
        var parts = line.Split(' ', 3);
        if (parts.Length != 3 || parts[1] != SharedMemoryTracker.SharedMemoryType || !SharedMemoryNames.IsValid(parts[2])) return;
        var name = parts[2];
        switch (parts[0])
        {
            case "REGISTER":
                registered[name] = registered.GetValueOrDefault(name) + 1;
                break;
            case "UNREGISTER" when registered.TryGetValue(name, out var count):
                if (count > 1) registered[name] = count - 1;
                else registered.Remove(name);
                break;
        }
    }
}
