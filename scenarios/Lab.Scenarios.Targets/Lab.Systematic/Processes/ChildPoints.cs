using Lab.Engine.Scheduling;

namespace Lab.Systematic.Processes;

/// <summary>Scheduling points that a child's program code asks for itself, between engine calls (the engine's own points
/// come from inside its primitives). No-op when the child is not scheduled.</summary>
internal static class ChildPoints
{
    public static void Point(EnginePoint point) => EngineScheduling.Attached?.Point(point);
}
