using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>Processes share nothing (seeds 59.2): a child works on a deserialized copy of its arguments, and its
/// static state is its own (under spawn it starts from the type's initial values, not from the parent's).</summary>
public class IsolationTests
{
    [Fact]
    public void Process_ChildMutatesArgumentAndStaticField_ParentValuesUnchanged()
    {
        var list = new List<object?> { "original", 2, 3 };
        IsolationTargets.Counter = 7;
        using var p = new Process(IsolationTargets.MutateAndReport, [list], output: ProcessOutput.Capture).RunToEnd();

        Assert.Equal(0, p.ExitCode);
        // The child did mutate its copies...
        Assert.Equal("count=4 first=replaced by the child counter_before=0 counter_after=42", p.Stdout);
        // ...and none of it reached the parent.
        Assert.Equal(new List<object?> { "original", 2, 3 }, list);
        Assert.Equal(7, IsolationTargets.Counter);
    }
}
