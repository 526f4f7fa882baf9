using System.Diagnostics;
using System.Text;

namespace Lab.Matrix.Host;

/// <summary>What an external command did: its exit code (null: killed at its timeout) and the tail of its output.</summary>
public sealed record CommandResult(int? ExitCode, string OutputTail)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs the host tools the matrix needs and that have no library: apt-get, debootstrap, tar, chroot, kill(1). Output
/// goes to a log file (appended) and its tail is kept for error messages. Every call has a timeout and kills the
/// command's whole process tree when it passes or when the caller cancels: nothing is left running.
/// </summary>
public static class ExternalCommand
{
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> args, string? logPath, TimeSpan timeout,
        CancellationToken cancel, IReadOnlyDictionary<string, string>? environment = null, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = new Process { StartInfo = start };
        var tail = new Tail(40);
        await using var log = logPath is null ? null : new StreamWriter(logPath, append: true, Encoding.UTF8) { AutoFlush = true };
        var gate = new object();
        void Line(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                tail.Add(line);
                log?.WriteLine(line);
            }
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        log?.WriteLine($"$ {program} {string.Join(' ', start.ArgumentList)}");
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandResult(127, $"cannot run {program}: {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            lock (gate) log?.WriteLine(cancel.IsCancellationRequested ? "(cancelled)" : $"(killed after {timeout.TotalSeconds:0} s)");
            cancel.ThrowIfCancellationRequested();
            lock (gate) return new CommandResult(null, tail.Text);
        }
        lock (gate) return new CommandResult(process.ExitCode, tail.Text);
    }

    /// <summary>The first match of <paramref name="name"/> on PATH (or the usual sbin folders, which a non-login root
    /// shell may lack), or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"])
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    private sealed class Tail(int lines)
    {
        private readonly Queue<string> _lines = new();

        public void Add(string line)
        {
            _lines.Enqueue(line);
            while (_lines.Count > lines) _lines.Dequeue();
        }

        public string Text => string.Join('\n', _lines);
    }
}
