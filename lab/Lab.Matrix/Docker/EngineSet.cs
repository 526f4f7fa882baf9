using DotNet.Testcontainers.Configurations;
using Lab.Matrix.Host;

namespace Lab.Matrix.Docker;

/// <summary>
/// The Docker engines of one matrix run, connected and with a negotiated API version (issue #11 §1): the given
/// addresses, else DOCKER_HOST, else the local socket. When only the local socket was asked for and nothing answers
/// there, the lab (as root) installs docker.io and debootstrap when missing and starts dockerd itself, and stops it
/// again at <see cref="DisposeAsync"/>. Without root it fails with one line saying what to install or start.
/// </summary>
public sealed class EngineSet : IAsyncDisposable
{
    private EngineSet(IReadOnlyList<EngineInfo> infos, Version apiVersion, DockerDaemon? started)
    {
        Infos = infos;
        ApiVersion = apiVersion;
        Started = started;
        Engines = infos.Select(i => new LabDockerEndpoint(i.Endpoint, apiVersion)).ToList();
    }

    public IReadOnlyList<EngineInfo> Infos { get; }

    public IReadOnlyList<LabDockerEndpoint> Engines { get; }

    public Version ApiVersion { get; }

    /// <summary>The daemon this run started, if it had to (stopped by <see cref="DisposeAsync"/>).</summary>
    public DockerDaemon? Started { get; }

    /// <summary>Tools the matrix installs with apt when missing (program → Debian package).</summary>
    public static readonly IReadOnlyDictionary<string, string> Tools = new Dictionary<string, string>
    {
        ["dockerd"] = "docker.io",
        ["debootstrap"] = "debootstrap",
    };

    /// <param name="given">--docker-host values (empty: DOCKER_HOST or the local socket).</param>
    /// <param name="workDir">Where the log of a daemon the lab starts goes (dockerd.log) and apt's log.</param>
    /// <exception cref="MatrixSetupException">An engine does not answer and none can be started from here.</exception>
    public static async Task<EngineSet> ConnectAsync(IReadOnlyList<string> given, string workDir, Action<string> say, CancellationToken cancel)
    {
        // Ryuk needs its image from a registry, and there is none: the lab removes its containers by label (Sweeper).
        TestcontainersSettings.ResourceReaperEnabled = false;
        IReadOnlyList<DockerEndpoint> endpoints;
        try
        {
            endpoints = DockerEndpoint.Resolve(given, Environment.GetEnvironmentVariable(DockerEndpoint.HostVariable));
        }
        catch (FormatException e)
        {
            throw new MatrixSetupException(e.Message);
        }
        var probes = await Task.WhenAll(endpoints.Select(e => EngineProbe.ProbeAsync(e, TimeSpan.FromSeconds(10), cancel)));
        DockerDaemon? started = null;
        var mayStart = given.Count == 0 && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DockerEndpoint.HostVariable));
        if (probes.Any(p => p.Info is null))
        {
            var errors = string.Join("; ", probes.Where(p => p.Info is null).Select(p => p.Error));
            if (!mayStart)
                throw new MatrixSetupException($"a Docker engine does not answer: {errors}");
            if (!Privileges.IsRoot)
                throw new MatrixSetupException($"no Docker engine answers ({errors}): start one (dockerd, from 'apt-get install docker.io'), set DOCKER_HOST or pass --docker-host, or run the lab as root and it starts one itself");
            Directory.CreateDirectory(workDir);
            await AptPackages.EnsureAsync(Tools, Path.Combine(workDir, "apt.log"), say, cancel);
            var layout = DaemonLayout.Default(Path.Combine(Path.GetFullPath(workDir), "dockerd.log"));
            say($"starting dockerd (log: {layout.LogPath}; stopped again at the end)");
            try
            {
                started = await DockerDaemon.StartAsync(layout, cancel);
            }
            catch (InvalidOperationException e)
            {
                throw new MatrixSetupException($"could not start dockerd: {e.Message}");
            }
            probes = [await EngineProbe.ProbeAsync(layout.Endpoint, TimeSpan.FromSeconds(10), cancel)];
            if (probes[0].Info is null)
            {
                await started.DisposeAsync();
                throw new MatrixSetupException($"dockerd started but does not answer: {probes[0].Error}");
            }
        }
        var infos = probes.Select(p => p.Info!).ToList();
        try
        {
            return new EngineSet(infos, ApiVersionNegotiation.Negotiate(infos), started);
        }
        catch (InvalidOperationException e)
        {
            if (started is not null) await started.DisposeAsync();
            throw new MatrixSetupException(e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Started is not null) await Started.DisposeAsync();
    }
}
