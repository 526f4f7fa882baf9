using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Support;

/// <summary>Parent side: one bounded receive from a child, turned into the lab's `hang` or early-exit observation
/// when it does not come.</summary>
internal static class Expect
{
    public static bool Message(Connection conn, ChildScope scope, Process child, string what, out object? message, out Observation? failure)
    {
        message = null;
        failure = null;
        try
        {
            message = conn.Recv(scope.Remaining);
            return true;
        }
        catch (TimeoutException)
        {
            failure = Run.Hang(what);
        }
        catch (EndOfStreamException)
        {
            scope.Join(child);
            failure = new(Observe.Pairs(("early_exit", true), ("exitcode", child.ExitCode)), $"the child exited with {child.ExitCode} before sending {what}");
        }
        return false;
    }
}
