using System.Diagnostics;
using Lab.Matrix.Host;

namespace Lab.Matrix.Docker;

/// <summary>Where a dockerd keeps its socket, images, run-time state and log. <see cref="Default"/> is the system's
/// usual layout (images persist in /var/lib/docker, so built images are reused by the next run); <see cref="Private"/>
/// puts everything under one folder, for a second engine next to the first (own socket, data root and exec root).</summary>
public sealed record DaemonLayout(string Socket, string? DataRoot, string? ExecRoot, string? PidFile, string LogPath)
{
    public DockerEndpoint Endpoint => DockerEndpoint.Parse("unix://" + Socket);

    public static DaemonLayout Default(string logPath) => new("/var/run/docker.sock", null, null, null, logPath);

    public static DaemonLayout Private(string folder) => new(
        Path.Combine(folder, "docker.sock"), Path.Combine(folder, "data"), Path.Combine(folder, "exec"),
        Path.Combine(folder, "docker.pid"), Path.Combine(folder, "dockerd.log"));
}

/// <summary>
/// A dockerd started by the lab (issue #11 §1: when no engine answers and the lab runs as root), stopped again by
/// <see cref="DisposeAsync"/>: SIGTERM (dockerd stops its containers and the containerd it started), then SIGKILL of
/// its whole process tree if it has not exited after 30 s.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    private readonly Process _process;

    private DockerDaemon(Process process, DaemonLayout layout)
    {
        _process = process;
        Layout = layout;
        Pid = process.Id;
    }

    public DaemonLayout Layout { get; }

    public int Pid { get; }

    /// <exception cref="InvalidOperationException">dockerd is missing, exited, or did not answer within 60 s; the message
    /// carries the tail of its log.</exception>
    public static async Task<DockerDaemon> StartAsync(DaemonLayout layout, CancellationToken cancel)
    {
        var dockerd = ExternalCommand.Find("dockerd") ?? throw new InvalidOperationException("dockerd is not installed (apt-get install docker.io)");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(layout.LogPath))!);
        var args = new List<string> { "--host", layout.Endpoint.ToString() };
        if (layout.DataRoot is { } data) args.AddRange(["--data-root", data]);
        if (layout.ExecRoot is { } exec) args.AddRange(["--exec-root", exec]);
        if (layout.PidFile is { } pid) args.AddRange(["--pidfile", pid]);
        // The matrix's containers run without a network (issue #11 §3): no bridge and no iptables rules, which also lets a
        // second engine run beside the first without fighting over docker0.
        args.AddRange(["--bridge", "none", "--iptables=false", "--ip-masq=false"]);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$LAB_DOCKERD_LOG\" 2>&1");
        start.ArgumentList.Add(dockerd);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["LAB_DOCKERD_LOG"] = Path.GetFullPath(layout.LogPath);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dockerd");
        process.StandardInput.Close();
        var daemon = new DockerDaemon(process, layout);
        var clock = Stopwatch.StartNew();
        string? error = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                await daemon.DisposeAsync();
                throw new InvalidOperationException($"dockerd exited with code {process.ExitCode} at start-up; {LogTail(layout.LogPath)}");
            }
            (var info, error) = await EngineProbe.ProbeAsync(layout.Endpoint, TimeSpan.FromSeconds(2), cancel);
            if (info is not null) return daemon;
            await Task.Delay(250, cancel);
        }
        await daemon.DisposeAsync();
        throw new InvalidOperationException($"dockerd did not answer within 60 s ({error}); {LogTail(layout.LogPath)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ExternalCommand.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(5), CancellationToken.None);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        _process.Dispose();
    }

    private static string LogTail(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return $"its log ({path}) ends: {string.Join(" | ", lines.TakeLast(5))}";
        }
        catch (IOException)
        {
            return $"no log at {path}";
        }
    }
}
