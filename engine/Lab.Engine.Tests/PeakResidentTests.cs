using Xunit;

namespace Lab.Engine.Tests;

public class PeakResidentTests
{
    [Fact]
    public void PeakResident_ChildExitsNormally_ReportsItsOwnPeakAfterExit()
    {
        using var p = new Process(Targets.Noop);
        Assert.Null(p.PeakResidentKiB);
        p.RunToEnd();
        // A .NET runtime needs megabytes. The upper bound is this test host's own peak: a worker is much smaller, so a
        // value at or above it would be the parent's peak leaking in (exec keeps the pre-exec mark in ru_maxrss).
        Assert.InRange(p.PeakResidentKiB ?? 0, 1_000, OwnPeakKiB() - 1);
    }

    private static long OwnPeakKiB() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))[6..].Trim().Split(' ')[0]);

    [Fact]
    public void PeakResident_ChildKilled_IsUnknown()
    {
        using var p = new Process(Targets.SleepForever);
        p.Start();
        p.Kill();
        p.JoinOrFail();
        Assert.Equal(-9, p.ExitCode);
        Assert.Null(p.PeakResidentKiB);
    }
}
