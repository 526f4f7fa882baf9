using System.Reflection;
using Microsoft.Coyote;

namespace Lab.Systematic.Coyote;

/// <summary>
/// A Coyote 1.7.11 exploration strategy, by the name Coyote gives it (<c>Source/Core/Testing/ExplorationStrategy.cs</c>),
/// as a change to a <see cref="Configuration"/>. The ones the comparison runs (<see cref="All"/>): random;
/// prioritization, Coyote's PCT, unfair, with its default bound of 10 priority changes (each iteration draws 1..10 change
/// points over the longest run seen); probabilistic with its default level 3 (switch with probability 1/2^3); and DFS.
/// </summary>
public sealed record CoyoteStrategy(string Name, string Description, bool Seeded, Func<Configuration, Configuration> Apply)
{
    public static CoyoteStrategy Random { get; } = new("random", "random", true, c => c.WithRandomStrategy());

    public static CoyoteStrategy Prioritization { get; } =
        new("prioritization", "PCT, unfair, priority change bound 10", true, c => c.WithPrioritizationStrategy(isFair: false, priorityChangeBound: 10));

    public static CoyoteStrategy Probabilistic { get; } = new("probabilistic", "probabilistic random, level 3", true, c => c.WithProbabilisticStrategy(3));

    /// <summary>
    /// Coyote's depth-first search: unbounded (no preemption bound), deterministic (the seed does nothing). In 1.7.11
    /// <c>Configuration.WithDFSStrategy</c> is internal, so it is reached by reflection; null if a Coyote version
    /// lacks it.
    /// </summary>
    public static CoyoteStrategy? Dfs { get; } = typeof(Configuration).GetMethod("WithDFSStrategy", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is { } method
        ? new("dfs", "depth-first search, unbounded (internal in 1.7.11: reached by reflection)", false, c => (Configuration)method.Invoke(c, null)!)
        : null;

    public static IReadOnlyList<CoyoteStrategy> All { get; } = Dfs is null ? [Random, Prioritization, Probabilistic] : [Random, Prioritization, Probabilistic, Dfs];

    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    /// <exception cref="ArgumentException">An unknown name (the message lists the known ones).</exception>
    public static CoyoteStrategy Find(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"unknown Coyote strategy '{name}': expected one of {string.Join(", ", Names)}", nameof(name));

    public override string ToString() => Name;
}
