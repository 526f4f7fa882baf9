using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>Exit codes of real child processes, as CPython's Process.exitcode reports them (seeds 59.11;
/// multiprocessing/process.py _bootstrap and popen_fork.py): return -> 0, sys.exit(n) -> n masked by the OS,
/// sys.exit(True/False/None/text), unhandled exception -> 1.</summary>
public class ExitCodeTests
{
    [Fact]
    public void Process_SystemExitWithAnyByte_ExitCodeIsThatByte()
    {
        PropertyCheck.Run(Prop.ForAll(Arb.From(Gen.Choose(0, 255)), n =>
        {
            using var p = new Process(Targets.ExitWith, [n]).RunToEnd();
            return p.ExitCode == n;
        }), maxTest: 25);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(137)]
    [InlineData(255)]
    public void Process_SystemExitWithCode_ExitCodeIsThatCode(int code)
    {
        using var p = new Process(Targets.ExitWith, [code]).RunToEnd();
        Assert.Equal(code, p.ExitCode);
        Assert.Null(p.Error);
    }

    /// <summary>exit(2) keeps only the low 8 bits of the status (man 3 exit), as CPython's sys.exit(256) gives 0.</summary>
    [Theory]
    [InlineData(256, 0)]
    [InlineData(-1, 255)]
    [InlineData(257, 1)]
    [InlineData(-256, 0)]
    public void Process_SystemExitOutsideAByte_ExitCodeIsMaskedByTheOs(int code, int expected)
    {
        using var p = new Process(Targets.ExitWith, [code]).RunToEnd();
        Assert.Equal(expected, p.ExitCode);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void Process_SystemExitWithBool_ExitCodeIsOneOrZero(bool value, int expected)
    {
        using var p = new Process(Targets.ExitWithBool, [value]).RunToEnd();
        Assert.Equal(expected, p.ExitCode);
    }

    [Fact]
    public void Process_SystemExitWithNull_ExitCodeIsZero()
    {
        using var p = new Process(Targets.ExitWithText, [null], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("", p.Stderr);
    }

    [Fact]
    public void Process_SystemExitWithText_ExitCodeIsOneAndTextOnStderr()
    {
        using var p = new Process(Targets.ExitWithText, ["goodbye, wörld"], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal("goodbye, wörld", p.Stderr?.TrimEnd('\n'));
        Assert.Null(p.Error);
    }

    [Fact]
    public void Process_TargetReturns_ExitCodeIsZero()
    {
        using var p = new Process(Targets.Noop, output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(0, p.ExitCode);
        Assert.Null(p.Error);
        Assert.Equal("", p.Stderr);
    }

    [Fact]
    public void Process_UnhandledException_ExitCodeIsOneWithRemoteErrorAndTraceOnStderr()
    {
        using var p = new Process(Targets.Throw, ["boom ☂"], name: "thrower", output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.NotNull(p.Error);
        Assert.Equal("System.InvalidOperationException", p.Error.Type);
        Assert.Equal("boom ☂", p.Error.Message);
        Assert.Contains(nameof(Targets.Throw), p.Error.Traceback);
        Assert.StartsWith("Process thrower:\n", p.Stderr);
        Assert.Contains("System.InvalidOperationException: boom ☂", p.Stderr);
    }

    [Fact]
    public void Process_EnvironmentExitInTarget_ExitCodeIsThatCode()
    {
        using var p = new Process(Targets.EnvironmentExit, [3]).RunToEnd();
        Assert.Equal(3, p.ExitCode);
        Assert.Null(p.Error);
    }

    [Fact]
    public void Process_OptionalParameterOmitted_ChildUsesTheDefault()
    {
        using var p = new Process(Targets.WithOptional, [2]).RunToEnd();
        Assert.Equal(7, p.ExitCode);
    }
}
