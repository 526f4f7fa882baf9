using Lab.Engine.Synchronization;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// ProcessCondition (over its default ProcessRLock, as multiprocessing.Condition) under the controlled scheduler: one
/// producer puts two items, two consumers take one each. With <c>while (empty) Wait()</c> it is correct; with
/// <c>if</c> (the seeded bug, the engine twin of the corpus's lost-wakeup), a notified consumer can lose the race for
/// the lock to the other consumer, which takes the item, and then takes from an empty queue (threading.Condition's
/// documentation: "the while loop checking for the application's condition is necessary").
/// </summary>
internal static class ConditionPrograms
{
    public static void ProducerConsumer(ControlledRuntime rt) => Run(rt, recheck: true);

    public static void LostWakeup(ControlledRuntime rt) => Run(rt, recheck: false);

    private static void Run(ControlledRuntime rt, bool recheck)
    {
        using var condition = new ProcessCondition();
        var items = 0;
        void Consume()
        {
            condition.Acquire();
            if (recheck)
            {
                while (items == 0) condition.Wait();
            }
            else if (items == 0)
            {
                condition.Wait();
            }
            rt.Assert(items > 0, "a consumer woke to an empty queue (if instead of while around ProcessCondition.Wait)");
            items--;
            condition.Release();
        }
        void Produce()
        {
            for (var i = 0; i < 2; i++)
            {
                condition.Acquire();
                items++;
                condition.Notify();
                condition.Release();
            }
        }
        var operations = new[] { rt.Spawn(Consume, "consumer-1"), rt.Spawn(Consume, "consumer-2"), rt.Spawn(Produce, "producer") };
        foreach (var operation in operations) operation.Join();
        rt.Assert(items == 0, $"{items} items left after two consumers took one each");
    }
}
