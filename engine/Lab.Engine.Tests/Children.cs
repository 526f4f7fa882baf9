using Xunit;

namespace Lab.Engine.Tests;

internal static class Children
{
    /// <summary>Starts the process and joins it with the shared deadline. The caller owns it with `using`, so a
    /// child that misses the deadline is killed and reaped by Dispose when the test fails.</summary>
    public static Process RunToEnd(this Process process)
    {
        process.Start();
        JoinOrFail(process);
        return process;
    }

    public static void JoinOrFail(this Process process) =>
        Assert.True(process.Join(Limits.Join), $"{process} did not exit within {Limits.Join}");
}
