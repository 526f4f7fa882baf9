using System.Diagnostics;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>
/// The application as its own worker (issue #11 §2) under the JIT: the lab's AOT worker host built as a plain JIT
/// application (scenarios/Lab.Scenarios.Worker.Aot/bin, built with the solution) calls the guard, and its child runs in
/// the application's own binary. The Native AOT side is the engine-aot subject's start-methods.main-guard scenarios.
/// </summary>
public sealed class SelfWorkerTests
{
    private static string? JitBuildOfTheHost()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Lab.sln"))) continue;
            var bin = Path.Combine(dir.FullName, "scenarios", "Lab.Scenarios.Worker.Aot", "bin", "Release", "net10.0");
            return Directory.Exists(bin)
                ? Directory.EnumerateFiles(bin, "Lab.Scenarios.Worker.Aot", SearchOption.AllDirectories).FirstOrDefault()
                : null;
        }
        return null;
    }

    [SkippableFact]
    public void A_guarded_jit_application_runs_its_child_in_its_own_binary()
    {
        var app = JitBuildOfTheHost();
        Skip.If(app is null, "the JIT build of scenarios/Lab.Scenarios.Worker.Aot is missing: build Lab.sln in Release (./run-all.sh test does)");
        var info = new ProcessStartInfo(app) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["LAB_MAIN_GUARD_DEMO"] = "guarded";
        info.Environment["LAB_MAIN_GUARD_METHOD"] = "spawn";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{app} did not exit within 60 s");
        }
        process.WaitForExit();
        var output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains($"main-guard demo child in {Path.GetFullPath(app)}", output);
        Assert.Contains("main-guard demo (guarded): child exitcode 0", output);
    }
}
