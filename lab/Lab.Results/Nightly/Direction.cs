namespace Lab.Results.Nightly;

/// <summary>Which way a figure gets better, read from its unit.</summary>
public enum Direction
{
    /// <summary>Times (ns, µs, ms, s, also per item: us/task) and memory (B, KiB, MiB…).</summary>
    LowerIsBetter,

    /// <summary>Rates: anything per second (msgs/s, MB/s, starts/s).</summary>
    HigherIsBetter,

    /// <summary>Neither (a count such as a best chunksize): a change is reported as a change, neither better nor worse.</summary>
    Unknown,
}

public static class Directions
{
    private static readonly string[] Times = ["ns", "us", "µs", "μs", "ms", "s", "min"];
    private static readonly string[] Sizes = ["B", "KB", "KiB", "MB", "MiB", "GB", "GiB"];

    /// <summary>Rates end in "/s"; a time or a size, alone or per something ("us/task"), is a cost.</summary>
    public static Direction Of(string unit)
    {
        var u = unit.Trim();
        if (u.EndsWith("/s", StringComparison.Ordinal)) return Direction.HigherIsBetter;
        var head = u.Split('/')[0];
        return Times.Contains(head) || Sizes.Contains(head) ? Direction.LowerIsBetter : Direction.Unknown;
    }
}
