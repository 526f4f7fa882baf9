using Lab.Matrix.Docker;

namespace Lab.Matrix.Tests;

public sealed class DockerTests
{
    private static EngineInfo Engine(string address, string min, string max) =>
        new(DockerEndpoint.Parse(address), "x", Version.Parse(max), Version.Parse(min));

    [Fact]
    public void ApiVersionNegotiation_DebianDocker20_Speaks141()
    {
        Assert.Equal(new Version(1, 41), ApiVersionNegotiation.Negotiate([Engine("unix:///var/run/docker.sock", "1.12", "1.41")]));
    }

    [Fact]
    public void ApiVersionNegotiation_NewerEngine_CappedAtTheClientsVersion()
    {
        Assert.Equal(ApiVersionNegotiation.ClientMaximum, ApiVersionNegotiation.Negotiate([Engine("unix:///a.sock", "1.24", "1.50")]));
    }

    [Fact]
    public void ApiVersionNegotiation_SeveralEngines_TheLowestMaximum()
    {
        Assert.Equal(new Version(1, 41), ApiVersionNegotiation.Negotiate([Engine("unix:///a.sock", "1.24", "1.47"), Engine("tcp://b:2375", "1.12", "1.41")]));
    }

    [Fact]
    public void ApiVersionNegotiation_NoCommonVersion_SaysWhichEngines()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ApiVersionNegotiation.Negotiate([Engine("unix:///old.sock", "1.12", "1.41"), Engine("tcp://new:2375", "1.44", "1.52")]));

        Assert.Contains("tcp://new:2375", error.Message);
        Assert.Contains("1.41", error.Message);
    }

    [Theory]
    [InlineData("unix:///var/run/docker.sock", "unix:///var/run/docker.sock")]
    [InlineData("tcp://10.0.0.2:2375", "tcp://10.0.0.2:2375")]
    public void DockerEndpoint_Parse_AcceptsSocketsAndTcp(string text, string shown)
    {
        Assert.Equal(shown, DockerEndpoint.Parse(text).ToString());
    }

    [Theory]
    [InlineData("tcp://host")]
    [InlineData("http://host:2375")]
    [InlineData("docker.sock")]
    [InlineData("unix://")]
    public void DockerEndpoint_Parse_RefusesOtherAddressesWithTheExpectedForm(string text)
    {
        var error = Assert.Throws<FormatException>(() => DockerEndpoint.Parse(text));

        Assert.Contains("tcp://host:port", error.Message);
    }

    [Fact]
    public void DockerEndpoint_Resolve_GivenThenDockerHostThenLocalSocket()
    {
        Assert.Equal(["tcp://a:2375", "unix:///b.sock"], DockerEndpoint.Resolve(["tcp://a:2375", "unix:///b.sock", "tcp://a:2375"], "unix:///env.sock").Select(e => e.ToString()));
        Assert.Equal("unix:///env.sock", Assert.Single(DockerEndpoint.Resolve([], "unix:///env.sock")).ToString());
        Assert.Equal(DockerEndpoint.DefaultSocket, Assert.Single(DockerEndpoint.Resolve([], null)).ToString());
    }

    [Fact]
    public void OwnerProcess_ThisProcess_IsAliveAndRoundTrips()
    {
        var parsed = Host.OwnerProcess.Parse(Host.OwnerProcess.Current.ToString());

        Assert.Equal(Host.OwnerProcess.Current, parsed);
        Assert.True(parsed!.IsAlive);
        Assert.False((parsed with { StartTicks = parsed.StartTicks + 1 }).IsAlive); // a reused pid is not the owner
        Assert.True((parsed with { Host = "another-host" }).IsAlive); // another host's run cleans up after itself
        Assert.Null(Host.OwnerProcess.Parse("garbage"));
    }
}
