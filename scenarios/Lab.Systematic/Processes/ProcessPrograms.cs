namespace Lab.Systematic.Processes;

/// <summary>The programs over real processes that `lab explore` and `lab replay` know (names start with <c>processes.</c>).</summary>
public static class ProcessPrograms
{
    public const string Prefix = "processes.";

    public static IReadOnlyList<ProcessProgram> All { get; } =
        [new QueuePutKill(), new LockKill(), new PoolMapKill(), CounterProgram.Locked, CounterProgram.Unlocked];

    public static ProcessProgram? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
