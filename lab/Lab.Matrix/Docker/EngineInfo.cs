using Docker.DotNet;

namespace Lab.Matrix.Docker;

/// <summary>What an engine said about itself on <c>GET /version</c>.</summary>
public sealed record EngineInfo(DockerEndpoint Endpoint, string Version, Version ApiVersion, Version MinApiVersion);

/// <summary>
/// Asks an engine for its version through Docker.DotNet (the client Testcontainers itself uses), without an API version
/// in the path: an engine answers unversioned requests at its own newest version, so the request works whatever the
/// engine's age. This is what lets the matrix negotiate the version instead of hard-coding one (see
/// <see cref="ApiVersionNegotiation"/>).
/// </summary>
public static class EngineProbe
{
    /// <summary>The engine's version, or null with the reason when it does not answer within <paramref name="timeout"/>.</summary>
    public static async Task<(EngineInfo? Info, string? Error)> ProbeAsync(DockerEndpoint endpoint, TimeSpan timeout, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(endpoint.Uri).WithTimeout(timeout).Build();
            var version = await client.System.GetVersionAsync(deadline.Token);
            if (!System.Version.TryParse(version.APIVersion, out var api))
                return (null, $"{endpoint} answered with API version '{version.APIVersion}', which does not parse");
            var min = System.Version.TryParse(version.MinAPIVersion, out var m) ? m : new Version(1, 12);
            return (new EngineInfo(endpoint, version.Version, api, min), null);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return (null, $"{endpoint} did not answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return (null, $"{endpoint} does not answer: {e.Message}");
        }
    }
}
