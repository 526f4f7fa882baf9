namespace Lab.Matrix.Docker;

/// <summary>
/// The Docker Engine API version the lab speaks to a set of engines. Testcontainers 4.17 asks for 1.44 unless told
/// otherwise, and Debian's docker.io 20.10 speaks at most 1.41 ("client version 1.44 is too new"); newer engines
/// refuse versions below their minimum (Docker 29: 1.44). So the version is the lowest maximum among the engines,
/// capped at what the client was written for, and it must not be below any engine's minimum.
/// </summary>
public static class ApiVersionNegotiation
{
    /// <summary>Testcontainers 4.17's own default (DockerEndpointAuthenticationConfiguration): the newest API its
    /// client models were written against.</summary>
    public static readonly Version ClientMaximum = new(1, 44);

    /// <exception cref="InvalidOperationException">No version suits every engine; the message names them.</exception>
    public static Version Negotiate(IReadOnlyList<EngineInfo> engines)
    {
        if (engines.Count == 0) throw new ArgumentException("no engine to negotiate with", nameof(engines));
        var version = engines.Select(e => e.ApiVersion).Append(ClientMaximum).Min()!;
        var tooOld = engines.Where(e => e.MinApiVersion > version).ToList();
        if (tooOld.Count > 0)
        {
            throw new InvalidOperationException(
                $"no Docker API version suits every engine: {string.Join(", ", engines.Select(e => $"{e.Endpoint} speaks {e.MinApiVersion}–{e.ApiVersion} (Docker {e.Version})"))}; " +
                $"{version} is below the minimum of {string.Join(", ", tooOld.Select(e => e.Endpoint.ToString()))}. Use engines of closer versions.");
        }
        return version;
    }
}
