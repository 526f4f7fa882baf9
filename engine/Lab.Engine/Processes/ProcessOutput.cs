namespace Lab.Engine.Processes;

/// <summary>Where a child's stdout and stderr go. Inherit (the default) shares the parent's, as CPython does.</summary>
public enum ProcessOutput
{
    Inherit,
    Capture,
}
