using Lab.Systematic.Traces;

namespace Lab.Systematic.Strategies;

/// <summary>
/// Follows a recorded schedule step by step and checks each one, as Coyote's replay does ("trace is not reproducible
/// at execution step N"): the operation at the point, the kind of scheduling point, and that the recorded choice is
/// eligible; a value step must be a value step of the same operation, in range. Running past the end of the schedule
/// is a mismatch too (at step length+1). Step numbers are 1-based: step N is the N-th entry of the trace.
/// </summary>
public sealed class ReplayStrategy(IReadOnlyList<TraceStep> steps) : SchedulingStrategy
{
    public override string Name => "replay";

    public override bool PrepareIteration(int iteration) => true;

    public override int NextOperation(SchedulingContext context)
    {
        var expected = Expected(context.Step);
        var n = context.Step + 1;
        if (expected.Type != StepType.Schedule)
            throw new ScheduleMismatchException(n, $"expected {expected}, but the program is at op({context.Current}),sp({context.Kind})");
        if (expected.Operation != context.Current || expected.Kind != context.Kind)
            throw new ScheduleMismatchException(n, $"expected {expected}, but the program is at op({context.Current}),sp({context.Kind})");
        if (!context.IsEligible(expected.Choice))
            throw new ScheduleMismatchException(n, $"expected {expected}, but op {expected.Choice} is not eligible (eligible: {string.Join(", ", context.Eligible.ToArray())})");
        return expected.Choice;
    }

    public override int NextValue(ValueContext context)
    {
        var expected = Expected(context.Step);
        var type = context.IsBool ? StepType.Bool : StepType.Int;
        if (expected.Type != type || expected.Operation != context.Current || expected.Choice >= context.MaxExclusive)
            throw new ScheduleMismatchException(context.Step + 1,
                $"expected {expected}, but the program is at op({context.Current}) asking for {(context.IsBool ? "a bool" : $"an int below {context.MaxExclusive}")}");
        return expected.Choice;
    }

    private TraceStep Expected(int step) => step < steps.Count
        ? steps[step]
        : throw new ScheduleMismatchException(step + 1, $"the trace has {steps.Count} steps, but the program went on");
}
