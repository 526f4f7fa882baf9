using System.Diagnostics;
using System.Text.Json;

namespace Lab.Scenarios.Subjects;

/// <summary>
/// Runs scenarios/cpython/lab_driver.py, which answers every call with one JSON object on stdout (never free
/// text). A call that outlives its timeout is killed with its whole process tree and reported as a hang.
/// </summary>
public sealed class PythonDriver(string python, string driverPath)
{
    public string Python => python;

    public string DriverPath => driverPath;

    /// <summary>The driver's JSON answer, or null if it had to be killed at the timeout.</summary>
    public JsonElement? Call(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(driverPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return null;
        }
        var line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (line is null)
            throw new InvalidOperationException($"the CPython driver printed nothing (exit code {process.ExitCode}); stderr: {Tail(stderr.Result)}");
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(line);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the CPython driver's answer is not JSON ({e.Message}): {Tail(line)}");
        }
    }

    /// <summary>Finds the interpreter (an explicit path, else <paramref name="defaultCommand"/> on PATH) and the driver
    /// (next to this assembly, or LAB_CPYTHON_DRIVER). Returns null with a reason when either is missing.</summary>
    public static PythonDriver? Locate(string? pythonOverride, string defaultCommand, out string? reason)
    {
        reason = null;
        var python = pythonOverride ?? FindOnPath(defaultCommand);
        if (python is null || !File.Exists(python))
        {
            reason = pythonOverride is null ? $"{defaultCommand} was not found on PATH" : $"the interpreter '{pythonOverride}' does not exist";
            return null;
        }
        var driver = Environment.GetEnvironmentVariable("LAB_CPYTHON_DRIVER")
                     ?? Path.Combine(AppContext.BaseDirectory, "cpython", "lab_driver.py");
        if (!File.Exists(driver))
        {
            reason = $"the CPython driver was not found at {driver}";
            return null;
        }
        return new PythonDriver(python, driver);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string Tail(string s) => s.Length <= 2000 ? s.Trim() : "…" + s[^2000..].Trim();
}
