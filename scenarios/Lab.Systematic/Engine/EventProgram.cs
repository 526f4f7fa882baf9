using Lab.Engine.Synchronization;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// ProcessEvent under the controlled scheduler. Wait returns the flag as the waiter finds it when it wakes (CPython's
/// Event.wait), so after a Set and a Clear a waiter may return false; the final Set must still reach every waiter: a
/// missed Set leaves a waiter blocked on the event's word, which the scheduler reports as a deadlock.
/// </summary>
internal static class EventProgram
{
    public static void SetClearWait(ControlledRuntime rt)
    {
        using var @event = new ProcessEvent();
        void Waiter()
        {
            while (!@event.Wait())
            {
            }
        }
        void Setter()
        {
            @event.Set();
            @event.Clear();
            @event.Set();
        }
        var operations = new[] { rt.Spawn(Waiter, "waiter-1"), rt.Spawn(Waiter, "waiter-2"), rt.Spawn(Setter, "setter") };
        foreach (var operation in operations) operation.Join();
        rt.Assert(@event.IsSet, "the event is clear after a final Set");
    }
}
