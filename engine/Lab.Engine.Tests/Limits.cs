namespace Lab.Engine.Tests;

/// <summary>Bounds shared by every test that starts a process (DESIGN.md, house rule 4: every such test has a
/// timeout and reaps every child). These are deadlines for failure, never measurements.</summary>
internal static class Limits
{
    /// <summary>Every Join and every handshake gives up after this long; a healthy child needs well under a second.</summary>
    public static readonly TimeSpan Join = TimeSpan.FromSeconds(30);

    /// <summary>How long a process that is not our child may take to disappear after its cause of death.</summary>
    public static readonly TimeSpan Disappear = TimeSpan.FromSeconds(10);
}
