using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Lab.Results.Tests;

public sealed class RunInfoTests
{
    [Fact]
    public void RunInfo_Create_StampsRunIdHostAndRuntime()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var run = RunInfo.Create("test-image");

        Assert.Matches(new Regex(@"^\d{8}T\d{6}Z-[0-9a-f]{6}$"), run.RunId);
        Assert.StartsWith(run.Utc.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), run.RunId);
        Assert.InRange(run.Utc, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(Environment.MachineName, run.Host);
        Assert.Equal(RuntimeInformation.FrameworkDescription, run.Runtime);
        Assert.Equal("test-image", run.Os);
    }

    [Fact]
    public void RunInfo_CreateTwice_GivesDistinctRunIds()
    {
        Assert.NotEqual(RunInfo.Create().RunId, RunInfo.Create().RunId);
    }

    [Fact]
    public void RunInfo_CreateWithoutImage_UsesEnvironmentThenOsRelease()
    {
        var saved = Environment.GetEnvironmentVariable(RunInfo.OsImageVariable);
        try
        {
            Environment.SetEnvironmentVariable(RunInfo.OsImageVariable, "debian-trixie");
            Assert.Equal("debian-trixie", RunInfo.Create().Os);

            Environment.SetEnvironmentVariable(RunInfo.OsImageVariable, null);
            var expected = OsRelease.ReadPrettyName(OsRelease.DefaultPath) ?? RuntimeInformation.OSDescription;
            Assert.Equal(expected, RunInfo.Create().Os);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunInfo.OsImageVariable, saved);
        }
    }

    [Fact]
    public void RunInfo_NewRunId_UsesUtcNotLocalOffset()
    {
        var local = new DateTimeOffset(2026, 11, 22, 3, 46, 10, TimeSpan.FromHours(2));

        Assert.Equal("20261122T014610Z-1a2b3c", RunInfo.NewRunId(local, "1a2b3c"));
    }

    [Theory]
    [InlineData("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n", "Debian GNU/Linux 12 (bookworm)")]
    [InlineData("PRETTY_NAME='Alpine Linux v3.20'\n", "Alpine Linux v3.20")]
    [InlineData("PRETTY_NAME=Plain\n", "Plain")]
    [InlineData("PRETTY_NAME=\"Say \\\"hi\\\" \\\\ \\$HOME\"\n", "Say \"hi\" \\ $HOME")]
    [InlineData("ID=debian\n", null)]
    [InlineData("PRETTY_NAME=\"\"\n", null)]
    public void OsRelease_PrettyName_FollowsOsReleaseQuoting(string content, string? expected)
    {
        Assert.Equal(expected, OsRelease.PrettyName(content));
    }
}
