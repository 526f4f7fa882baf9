using Lab.Matrix.Cells;
using Lab.Matrix.Images;

namespace Lab.Matrix.Tests;

public sealed class CellPlannerTests
{
    [Fact]
    public void CellPlanner_Plan_EveryImageWithEverySubjectSetNumberedImageByImage()
    {
        var cells = CellPlanner.Plan(Suites.Select(["bookworm,sid"]), ["engine", "cpython"]);

        Assert.Equal(["1 bookworm-engine", "2 bookworm-cpython", "3 sid-engine", "4 sid-cpython"], cells.Select(c => $"{c.Number} {c.Name}"));
    }

    [Fact]
    public void CellPlanner_Plan_DropsRepeatedImagesAndSubjectSets()
    {
        var bookworm = Suites.Select(["bookworm"])[0];

        var cells = CellPlanner.Plan([bookworm, bookworm], ["all", "all"]);

        Assert.Equal("bookworm-all", Assert.Single(cells).Name);
    }

    [Fact]
    public void CellPlanner_Plan_NothingToRunIsRefused()
    {
        Assert.Throws<ArgumentException>(() => CellPlanner.Plan([], ["all"]));
        Assert.Throws<ArgumentException>(() => CellPlanner.Plan(Suites.All, []));
    }

    [Fact]
    public void CellQueue_TwoEngines_SpreadsCellsToTheLeastBusyEngine()
    {
        var queue = new CellQueue(CellPlanner.Plan(Suites.All, ["all"]), engines: 2, jobs: 3);

        Assert.True(queue.TryTake(out var first, out var e1));
        Assert.True(queue.TryTake(out var second, out var e2));
        Assert.True(queue.TryTake(out _, out var e3));
        Assert.False(queue.TryTake(out _, out _)); // jobs = 3 are running
        Assert.Equal(["bullseye", "bookworm"], new[] { first.Recipe.Suite, second.Recipe.Suite });
        Assert.Equal([0, 1, 0], new[] { e1, e2, e3 });

        queue.Done(1);
        Assert.True(queue.TryTake(out var fourth, out var e4));
        Assert.Equal("sid", fourth.Recipe.Suite);
        Assert.Equal(1, e4); // engine 1 had one free slot, engine 0 still runs two
        Assert.Equal(0, queue.Waiting);
        Assert.False(queue.TryTake(out _, out _));
    }

    [Fact]
    public void CellQueue_DoneWithoutARunningCell_IsABug()
    {
        var queue = new CellQueue(CellPlanner.Plan(Suites.All, ["all"]), engines: 1, jobs: 1);

        Assert.Throws<InvalidOperationException>(() => queue.Done(0));
    }
}
