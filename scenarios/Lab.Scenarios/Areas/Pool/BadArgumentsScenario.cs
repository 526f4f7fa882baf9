using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>pool.py Pool.__init__: processes &lt; 1 raises ValueError("Number of processes must be at least 1");
/// maxtasksperchild that is not a positive int raises ValueError("maxtasksperchild must be a positive int or None").</summary>
public sealed class BadArgumentsScenario : PoolScenario
{
    public override string Id => "pool.bad-arguments";
    public override string Rule => "Pool(0), Pool(-1) and maxtasksperchild=0 are refused with CPython's messages.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        ScenarioCase.Single(Refused),
    ];

    private const string Refused = "processes_0=refused:Number of processes must be at least 1;" +
                                   "processes_negative=refused:Number of processes must be at least 1;" +
                                   "maxtasksperchild_0=refused:maxtasksperchild must be a positive int or None";

    /// <summary>Observed: CPython 3.9 accepts maxtasksperchild=0 (the check on it arrived in 3.10); 3.10 on refuse it.</summary>
    public override IReadOnlyList<VersionChange> VersionChanges =>
    [
        new(SubjectKind.Python, null, "3.10",
            Refused.Replace("maxtasksperchild_0=refused:maxtasksperchild must be a positive int or None", "maxtasksperchild_0=accepted", StringComparison.Ordinal),
            Refused, "CPython 3.10 added the check in Pool.__init__ that refuses maxtasksperchild=0; 3.9 accepts it (observed on 3.9.18 and in the bullseye image)."),
    ];
}
