using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.EngineTwins.Descriptors;

/// <summary>A pool whose initializer opens a file per worker; each task writes its number into its worker's file and
/// returns the worker's pid; the twin matches the files' lines with the pids.</summary>
public sealed class InitializerReopensTwin : Pool.PoolTwin
{
    public override string Id => "descriptors.initializer-reopens";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = TempDirectory("reopen");
        try
        {
            List<int> pids;
            using (var pool = new Engine.Pool(Int(@case, "processes"), (Action<string>)DescriptorsTargets.OpenResource, [directory.FullName], context: context))
            {
                if (!TryGet(pool.MapAsync<int, int>(DescriptorsTargets.UseResource, Enumerable.Range(0, Int(@case, "tasks")), 1), budget, out pids))
                    return Hang("map over the pool", budget);
                pool.Close();
                if (!pool.Join(budget)) return Hang("join after close", budget);
            }
            return Observe(directory.FullName, pids);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Every task's line is in res-PID of the pid that ran it, once.</summary>
    private static Observation Observe(string directory, IReadOnlyList<int> pids)
    {
        var written = Directory.GetFiles(directory, "res-*")
            .SelectMany(f => File.ReadAllLines(f).Select(line => (Pid: int.Parse(Path.GetFileName(f)[4..]), Task: int.Parse(line))))
            .ToList();
        var expected = pids.Select((pid, task) => (pid, task));
        var inItsFile = written.OrderBy(w => w.Task).SequenceEqual(expected);
        return new(Support.Observe.Pairs(("tasks_written", written.Count), ("each_in_its_worker_file", inItsFile)),
            $"{written.Select(w => w.Pid).Distinct().Count()} worker files");
    }
}
