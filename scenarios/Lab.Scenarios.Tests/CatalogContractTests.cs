using Lab.Scenarios.EngineTwins;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>
/// The contract between the catalog and each kind of subject, by id, in both directions: a scenario that does not say
/// why a kind of subject has no twin must find one (its <see cref="Scenario.TwinId"/>), and every twin a subject has must
/// be some scenario's. The Python side is the driver's own list (<c>lab_driver.py list</c>), so a twin added or removed in
/// Python is caught here.
/// </summary>
public class CatalogContractTests
{
    private static IReadOnlySet<string> Required(SubjectKind kind) =>
        ScenarioCatalog.All.Where(s => s.WithoutTwinOn(kind) is null).Select(s => s.TwinId).ToHashSet();

    private static void AssertContract(SubjectKind kind, string subject, IReadOnlySet<string> twins)
    {
        var missing = ScenarioCatalog.All.Where(s => s.WithoutTwinOn(kind) is null && !twins.Contains(s.TwinId))
            .Select(s => $"{s.Id} needs a twin '{s.TwinId}' that {subject} lacks (or should say why in WithoutTwinOn)").ToList();
        var orphans = twins.Where(t => !Required(kind).Contains(t)).Select(t => $"{subject}'s twin '{t}' belongs to no scenario").ToList();
        Assert.True(missing.Count + orphans.Count == 0, string.Join("\n", missing.Concat(orphans)));
    }

    [Fact]
    public void EngineTwins_MatchTheCatalog_BothWays() => AssertContract(SubjectKind.Engine, "the engine", EngineTwinRegistry.ById.Keys.ToHashSet());

    [Fact]
    public void PythonDriverTwins_MatchTheCatalog_BothWays()
    {
        var cpython = CpythonSubject.Create(null, out var reason) ?? throw new InvalidOperationException($"the cpython subject is needed here: {reason}");
        AssertContract(SubjectKind.Python, "the Python driver", cpython.Twins);
    }

    [Fact]
    public void EveryScenario_WithoutATwinOnAKind_SaysWhy_AndHasOneSomewhere()
    {
        foreach (var s in ScenarioCatalog.All)
        {
            Assert.False(s.WithoutTwinOn(SubjectKind.Engine) is not null && s.WithoutTwinOn(SubjectKind.Python) is not null,
                $"{s.Id} has no twin on any kind of subject");
            foreach (var kind in Enum.GetValues<SubjectKind>())
                Assert.True(s.WithoutTwinOn(kind) is null || s.WithoutTwinOn(kind)!.Length > 10, $"{s.Id}: the reason for no {kind} twin is too short to be one");
        }
    }

    [Fact]
    public void SubjectCatalog_NamesAndKinds_AreUnique()
    {
        Assert.Equal(SubjectCatalog.Names.Count, SubjectCatalog.Names.Distinct().Count());
        Assert.Equal(SubjectKind.Python, SubjectCatalog.KindOf("pypy"));
        Assert.Equal(SubjectKind.Engine, SubjectCatalog.KindOf("engine"));
        Assert.Null(SubjectCatalog.KindOf("jython"));
    }
}
