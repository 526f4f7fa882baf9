using System.Runtime.ExceptionServices;

namespace Lab.Engine.Tests.Pools;

/// <summary>
/// The timeout of every pool test (DESIGN.md house rule 4): the body runs on its own thread and the test fails if it
/// has not finished within twice <see cref="Limits.Join"/>. The pool's own error paths (broken pool, Terminate) are
/// what should end every wait; this bound only turns a regression into a failure instead of a hung run. Workers of a
/// pool left behind by a timed-out body are daemons: they die with the test host (PR_SET_PDEATHSIG).
/// </summary>
internal static class Bounded
{
    private static readonly TimeSpan Limit = Limits.Join * 2;

    public static void Run(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { failure = e; }
        }) { IsBackground = true, Name = "pool-test-body" };
        thread.Start();
        if (!thread.Join(Limit)) throw new Xunit.Sdk.XunitException($"the pool test did not finish within {Limit}");
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }
}
