namespace Lab.Scenarios.Model;

/// <summary>DESIGN.md, "Scenarios": the kinds of check the catalog holds.</summary>
public enum ScenarioKind
{
    /// <summary>Fixed inputs, exact expected observation.</summary>
    Conformance,
    /// <summary>Generated inputs (FsCheck), shrunk counterexamples, replayable from a seed.</summary>
    Property,
    /// <summary>A recorded finding: the observation is the result, not checked against a rule.</summary>
    Finding,
    /// <summary>Generated inputs observed by every subject; the judge requires the subjects to agree case by case.</summary>
    Differential,
}
