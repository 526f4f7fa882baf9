using Lab.Scenarios.Areas.Output;
using Lab.Scenarios.EngineTwins.Output;
using Lab.Scenarios.Model;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>The Output twins' line counting and the finding's judgement, on bytes made here: a cut line is not whole,
/// and a lost byte fails the finding.</summary>
public class OutputLinesTests
{
    [Fact]
    public void CountLines_WholeLinesOfOneLetter_AllWhole()
    {
        var data = OutputTargets.Line(0, 8).Concat(OutputTargets.Line(1, 8)).ToArray();
        Assert.Equal((2, 2), OutputTargets.CountLines(data, 8));
    }

    [Fact]
    public void CountLines_LineCutByAnotherWriter_NotWhole()
    {
        var (a, b) = (OutputTargets.Line(0, 8), OutputTargets.Line(1, 8));
        byte[] data = [.. a[..3], .. b, .. a[3..]];
        Assert.Equal((2, 0), OutputTargets.CountLines(data, 8));
    }

    [Fact]
    public void CountLines_TrailingPieceWithoutNewline_NotALine()
    {
        var data = OutputTargets.Line(2, 8).Concat("ccc"u8.ToArray()).ToArray();
        Assert.Equal((1, 1), OutputTargets.CountLines(data, 8));
    }

    [Fact]
    public void LargeWritesFinding_BytesLost_DoesNotMatch()
    {
        var scenario = new LargeWritesMayInterleaveScenario();
        var expected = scenario.Cases(new RunSettings(Seed: 1, Quick: true)).Single().Expected;
        var bytes = expected.GetInt("bytes")!.Value;
        Assert.True(scenario.Matches(expected, Observation.Parse($"bytes={bytes};whole=0")));
        Assert.False(scenario.Matches(expected, Observation.Parse($"bytes={bytes - 1};whole=0")));
        Assert.False(scenario.Matches(expected, Observation.Parse($"bytes={bytes};whole=41")));
    }
}
