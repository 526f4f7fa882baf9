using Lab.Matrix;
using Lab.Matrix.Images;

namespace Lab.Cli.Commands;

/// <summary>Options `lab matrix` and `lab images` share: which images, which engines, where images are cached.</summary>
internal static class MatrixCommonOptions
{
    public static System.CommandLine.Option<string[]> Images() => new("--images")
    {
        Description = $"OS images (comma list or repeated): {string.Join(", ", Suites.All.Select(r => $"{r.Suite} (Python {r.PythonSeries})"))}; default all",
    };

    public static System.CommandLine.Option<string[]> DockerHosts() => new("--docker-host")
    {
        Description = "a Docker engine (unix:///path/docker.sock or tcp://host:port), repeatable: cells are spread over them. Default: DOCKER_HOST, else the local socket (started by the lab as root if nothing answers)",
    };

    public static System.CommandLine.Option<string> WorkDir() => new("--work-dir")
    {
        Description = "image cache (root file system tarballs, build logs) and the log of a dockerd the lab starts (default: ~/.cache/lab-matrix)",
        DefaultValueFactory = _ => MatrixOptions.DefaultWorkDir,
    };

    public static System.CommandLine.Option<string?> Mirror() => new("--mirror") { Description = $"Debian mirror for debootstrap (default: the one apt uses here, else {AptMirror.Fallback})" };

    public static IReadOnlyList<ImageRecipe> SelectImages(string[]? names)
    {
        try
        {
            return Suites.Select(names);
        }
        catch (FormatException e)
        {
            throw new UsageError(e.Message);
        }
    }

    /// <summary>Runs a matrix operation with Ctrl-C and SIGTERM turned into cancellation, so that the operation's own
    /// clean-up (its containers removed, a dockerd it started stopped) runs before the process exits.</summary>
    public static int WithSignals(Func<CancellationToken, Task<int>> operation)
    {
        using var cancel = new CancellationTokenSource();
        void Stop(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            if (!cancel.IsCancellationRequested) Console.Error.WriteLine($"lab: {context.Signal}: stopping, removing this run's containers");
            cancel.Cancel();
        }
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
        try
        {
            return operation(cancel.Token).GetAwaiter().GetResult();
        }
        catch (MatrixSetupException e)
        {
            throw new UsageError(e.Message);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("lab: stopped; this run's containers were removed");
            return 130;
        }
    }
}
