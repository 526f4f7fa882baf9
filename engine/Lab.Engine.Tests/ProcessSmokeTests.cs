using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests;

public class ProcessSmokeTests
{
    [Fact]
    public void Process_ExitWith7_ExitCodeIs7()
    {
        using var p = new Process(Targets.ExitWith, [7]);
        p.Start();
        Assert.True(p.Join(TimeSpan.FromSeconds(20)));
        Assert.Equal(7, p.ExitCode);
    }

    [Fact]
    public void Process_Terminate_ExitCodeIsMinus15()
    {
        using var p = new Process(Targets.SleepForever);
        p.Start();
        Thread.Sleep(1000);
        p.Terminate();
        Assert.True(p.Join(TimeSpan.FromSeconds(20)));
        Assert.Equal(-15, p.ExitCode);
    }

    [Fact]
    public void Process_Throw_ExitCodeIs1WithError()
    {
        using var p = new Process(Targets.Throw, ["boom"], output: ProcessOutput.Capture);
        p.Start();
        Assert.True(p.Join(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, p.ExitCode);
        Assert.Equal("boom", p.Error?.Message);
        Assert.Contains("boom", p.Stderr);
    }
}
