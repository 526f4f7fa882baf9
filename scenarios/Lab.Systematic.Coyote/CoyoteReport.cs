namespace Lab.Systematic.Coyote;

/// <summary>
/// What a Coyote exploration did: <see cref="Iterations"/> counts the iterations run, the failing one included (with a
/// bug, the iterations to the first bug). <see cref="Elapsed"/> is the TestingEngine's whole run. With a bug,
/// <see cref="Trace"/> is Coyote's <c>ReproducibleTrace</c> (JSON), which <see cref="CoyoteTester.Replay"/> takes back.
/// </summary>
public sealed record CoyoteReport(string Program, string Strategy, uint Seed, int Iterations, TimeSpan Elapsed, CoyoteBug? Bug, string? Trace)
{
    public double SchedulesPerSecond => Elapsed.TotalSeconds > 0 ? Iterations / Elapsed.TotalSeconds : 0;
}

/// <summary>The outcome of replaying a Coyote trace: whether a bug was reproduced, and which.</summary>
public sealed record CoyoteReplay(bool Reproduced, CoyoteBug? Bug);
