namespace Lab.Scenarios.Model;

/// <summary>How a run is made. <see cref="Seed"/> drives every generated input, so a run can be replayed.</summary>
public sealed record RunSettings(int Seed, bool Quick)
{
    /// <summary>Number of generated cases for property scenarios.</summary>
    public int PropertyTests => Quick ? 20 : 100;

    public static int NewSeed() => Random.Shared.Next(1, int.MaxValue);
}
