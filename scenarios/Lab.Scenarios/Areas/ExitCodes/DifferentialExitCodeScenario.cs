using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

/// <summary>Generated exit codes: every subject must report the same exit code for the same exit.</summary>
public sealed class DifferentialExitCodeScenario : DifferentialScenario<int>
{
    public override string Id => "exit-codes.differential-exit-code";
    public override string Rule => "For any n in 0..255, a child that exits with n reads the same exit code on every subject.";
    public override string Source => "seeds 59.11 Exit Codes; issue #3 §4 (differential properties)";
    public override string TwinId => "exit-codes.explicit-exit";

    protected override Gen<int> Inputs => Gen.Choose(0, 255);

    protected override Dictionary<string, object?> Params(int code) => new() { ["code"] = code };
}
