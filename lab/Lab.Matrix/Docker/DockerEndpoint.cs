namespace Lab.Matrix.Docker;

/// <summary>The address of one Docker engine: <c>unix:///path/to/docker.sock</c> or <c>tcp://host:port</c>.</summary>
public sealed record DockerEndpoint(Uri Uri)
{
    public const string DefaultSocket = "unix:///var/run/docker.sock";

    /// <summary>The variable Docker's own tools read (dockerd(8), docker(1)).</summary>
    public const string HostVariable = "DOCKER_HOST";

    public bool IsUnixSocket => Uri.Scheme == "unix";

    public override string ToString() => IsUnixSocket ? "unix://" + Uri.AbsolutePath : Uri.GetLeftPart(UriPartial.Authority);

    /// <exception cref="FormatException">Not a unix:// socket path or a tcp://host:port address (the message says which).</exception>
    public static DockerEndpoint Parse(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
            throw new FormatException($"'{text}' is not a Docker host address: expected unix:///path/to/docker.sock or tcp://host:port");
        return uri.Scheme switch
        {
            "unix" when uri.AbsolutePath.Length > 1 => new DockerEndpoint(uri),
            "tcp" when uri.Host.Length > 0 && !uri.IsDefaultPort => new DockerEndpoint(uri),
            "tcp" => throw new FormatException($"'{text}' needs a port: tcp://host:port (Docker's plain-TCP port is usually 2375)"),
            _ => throw new FormatException($"'{text}' is not a Docker host address: expected unix:///path/to/docker.sock or tcp://host:port"),
        };
    }

    /// <summary>The engines to use: the ones given, else DOCKER_HOST, else the local socket.</summary>
    public static IReadOnlyList<DockerEndpoint> Resolve(IReadOnlyList<string> given, string? dockerHostVariable) =>
        given.Count > 0 ? given.Select(Parse).Distinct().ToList()
        : !string.IsNullOrWhiteSpace(dockerHostVariable) ? [Parse(dockerHostVariable)]
        : [Parse(DefaultSocket)];
}
