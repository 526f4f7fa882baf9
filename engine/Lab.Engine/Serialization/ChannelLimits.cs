namespace Lab.Engine.Serialization;

/// <summary>Bounds that every decode respects, so that a hostile or corrupted frame costs at most this much.</summary>
internal sealed record ChannelLimits(int MaxFrameBytes, int MaxDepth)
{
    /// <summary>256 MiB per frame and 64 levels of nesting. CPython's Connection accepts larger messages
    /// (a -1 marker and an 8-byte length, multiprocessing/connection.py); the engine chooses a bound instead.</summary>
    public static ChannelLimits Default { get; } = new(256 * 1024 * 1024, 64);
}
