namespace Lab.Scenarios.EngineTwins;

/// <summary>Every engine twin, by the scenario id it observes: the engine subject's side of the catalog contract
/// (ScenarioCatalogContractTests checks it against the catalog in both directions, by id).</summary>
public static class EngineTwinRegistry
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        .. Descriptors.DescriptorsTwins.All,
        .. Executor.ExecutorTwins.All,
        .. ExitCodes.ExitCodesTwins.All,
        .. Isolation.IsolationTwins.All,
        .. Logging.LoggingTwins.All,
        .. Output.OutputTwins.All,
        .. Managers.ManagersTwins.All,
        .. Pickling.PicklingTwins.All,
        .. Pipes.PipesTwins.All,
        .. Pool.PoolTwins.All,
        .. Queues.QueuesTwins.All,
        .. SharedMemory.SharedMemoryTwins.All,
        .. Signals.SignalsTwins.All,
        .. StartMethods.StartMethodsTwins.All,
        .. Sync.SyncTwins.All,
        .. Systematic.SystematicTwins.All,
        .. Termination.TerminationTwins.All,
    ];

    public static IReadOnlyDictionary<string, EngineTwin> ById { get; } = Index(All);

    private static Dictionary<string, EngineTwin> Index(IReadOnlyList<EngineTwin> twins)
    {
        var duplicate = twins.GroupBy(t => t.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two engine twins claim '{duplicate.Key}': {string.Join(", ", duplicate.Select(t => t.GetType().Name))}");
        return twins.ToDictionary(t => t.Id);
    }
}
