using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

/// <summary>The generated twin of explicit-exit: FsCheck draws codes, including out-of-range ones, which the OS
/// masks to the low 8 bits exactly as for a CPython child (sys.exit(256) reads 0, sys.exit(-1) reads 255).</summary>
public sealed class ExitCodePropertyScenario : PropertyScenario<int>
{
    public override string Id => "exit-codes.exit-code-property";
    public override string Rule => "For any int n, a child that exits with n has exit code n & 0xFF (the OS keeps 8 bits).";
    public override string Source => "seeds 59.11 Exit Codes; exit(3): the status is n & 0377";
    public override string TwinId => "exit-codes.explicit-exit";

    public override string? WithoutTwinOn(SubjectKind kind) =>
        kind == SubjectKind.Python ? "the driver's explicit-exit twin takes codes 0..255 only; the differential scenario compares those" : null;

    protected override Arbitrary<int> Inputs => Gen.OneOf(Gen.Choose(0, 255), Gen.Choose(-1000, 1000)).ToArbitrary();

    protected override Dictionary<string, object?> Params(int code) => new() { ["code"] = code };

    protected override bool Holds(int code, Observation observed, SubjectKind kind) => observed.GetInt("exitcode") == (code & 0xFF);
}
