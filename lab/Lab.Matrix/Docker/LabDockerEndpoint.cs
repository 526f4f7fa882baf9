using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using DotNet.Testcontainers.Configurations;

namespace Lab.Matrix.Docker;

/// <summary>
/// An engine as Testcontainers sees it, with the negotiated API version. Testcontainers' own
/// DockerEndpointAuthenticationConfiguration reads the version once per process from DOCKER_API_VERSION; this one
/// carries it per engine, so engines of different ages can serve one run. No authentication: a local socket or a
/// plain tcp:// engine on a trusted network.
/// </summary>
public sealed class LabDockerEndpoint(DockerEndpoint endpoint, Version apiVersion) : IDockerEndpointAuthenticationConfiguration
{
    public DockerEndpoint Address => endpoint;

    public Version Version => apiVersion;

    public Uri Endpoint => endpoint.Uri;

    public IAuthProvider AuthProvider => null!;

    public DockerClientBuilder GetDockerClientBuilder(Guid sessionId = default) =>
        new DockerClientBuilder()
            .WithApiVersion(apiVersion)
            .WithEndpoint(endpoint.Uri)
            .WithHeaders(new Dictionary<string, string> { ["User-Agent"] = "concurrency-lab-matrix" });

    /// <summary>A Docker.DotNet client for what Testcontainers has no call for: image import, listing and removal by label.</summary>
    public DockerClient CreateClient() => GetDockerClientBuilder().Build();

    public override string ToString() => endpoint.ToString();
}
