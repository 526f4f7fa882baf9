using Lab.Engine;
using Lab.Engine.Processes;

namespace Lab.Scenarios.EngineTwins.Descriptors;

/// <summary>What the Descriptors twins run in engine children.</summary>
public static class DescriptorsTargets
{
    /// <summary>Exit code of a child that found the descriptor open.</summary>
    public const int Visible = 4;

    /// <summary>Exits <see cref="Visible"/> if one of this process's descriptors points to <paramref name="link"/>
    /// (what readlink(2) of the parent's /proc/self/fd entry said), else 0.</summary>
    [ProcessTarget]
    public static void ExitIfOpen(string link) =>
        throw new SystemExit(OpenDescriptorLinks().Contains(link) ? Visible : 0);

    /// <summary>Exit code 20, plus 1 if <paramref name="passedLink"/> is open here, plus 2 if <paramref name="keptLink"/> is
    /// (a code outside 20–23 is a failure of the child).</summary>
    [ProcessTarget]
    public static void ExitWithHeldEnds(Lab.Engine.Connections.Connection passed, string passedLink, string keptLink)
    {
        var links = OpenDescriptorLinks();
        GC.KeepAlive(passed);
        throw new SystemExit(20 + (links.Contains(passedLink) ? 1 : 0) + (links.Contains(keptLink) ? 2 : 0));
    }

    /// <summary>What readlink(2) of this process's /proc/self/fd entry for <paramref name="fd"/> says (proc(5)).</summary>
    public static string Link(long fd) =>
        new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? throw new InvalidOperationException($"/proc/self/fd/{fd} is not a link");

    /// <summary>readlink(2) of every entry of /proc/self/fd (proc(5)); an entry closed while listing is skipped.</summary>
    public static HashSet<string> OpenDescriptorLinks()
    {
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(entry).LinkTarget is { } target) links.Add(target);
            }
            catch (IOException)
            {
                // The directory's own descriptor, gone by the time it is read.
            }
        }
        return links;
    }

    /// <summary>The worker's own resource, opened by <see cref="OpenResource"/> (a module-level global in CPython).</summary>
    private static StreamWriter? _resource;

    /// <summary>A pool initializer: opens this worker's file, res-PID, in <paramref name="directory"/>.</summary>
    [ProcessTarget]
    public static void OpenResource(string directory) =>
        _resource = new StreamWriter(Path.Combine(directory, $"res-{Environment.ProcessId}"), append: true) { AutoFlush = true };

    /// <summary>A task: writes its number into the worker's resource; returns the worker's pid.</summary>
    [ProcessTarget]
    public static int UseResource(int task)
    {
        (_resource ?? throw new InvalidOperationException("the initializer did not open the resource")).WriteLine(task);
        return Environment.ProcessId;
    }

    /// <summary>Writes into the file it was given (runs only if the start accepted a FileStream argument).</summary>
    [ProcessTarget]
    public static void WriteInto(FileStream file)
    {
        file.Write("child\n"u8);
        file.Flush();
    }
}
