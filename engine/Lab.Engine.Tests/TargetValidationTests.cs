using Lab.Engine.Processes;
using Lab.Engine.Serialization;
using Lab.Engine.Targets;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>
/// Targets are static methods looked up by name in the child (seeds 59.9, "the common trap": lambdas and local
/// functions cannot be pickled). Everything else is refused in the parent, when the Process is constructed, so no
/// Process object (and no child) ever exists for it; argument problems are refused before any child runs.
/// </summary>
public class TargetValidationTests
{
    private static InvalidTargetError Refused(Delegate target)
    {
        var e = Assert.Throws<InvalidTargetError>(() => new Process(target));
        Assert.Contains("cannot be a process target", e.Message);
        Assert.Contains("static method", e.Message);
        return e;
    }

    [Fact]
    public void ProcessConstructor_NonCapturingLambda_ThrowsInvalidTargetErrorNamingLambda()
    {
        var e = Refused(() => Console.WriteLine("never"));
        Assert.Contains("lambda", e.Message);
    }

    [Fact]
    public void ProcessConstructor_CapturingLambda_ThrowsInvalidTargetErrorNamingLambda()
    {
        var captured = 41;
        var e = Refused(() => captured++);
        Assert.Contains("lambda", e.Message);
        Assert.Contains("capture", e.Message);
    }

    [Fact]
    public void ProcessConstructor_StaticLocalFunction_ThrowsInvalidTargetErrorNamingLocalFunction()
    {
        static void Local() { }
        var e = Refused(Local);
        Assert.Contains("local function", e.Message);
    }

    [Fact]
    public void ProcessConstructor_CapturingLocalFunction_ThrowsInvalidTargetError()
    {
        var counter = 0;
        void Local() => counter++;
        var e = Refused(Local);
        // Captured locals live in a hidden closure object, so this is reported like a capturing lambda.
        Assert.Contains("capture", e.Message);
    }

    [Fact]
    public void ProcessConstructor_InstanceMethod_ThrowsInvalidTargetErrorNamingTheObjectType()
    {
        var e = Refused(new InstanceTargets().Run);
        Assert.Contains("instance method", e.Message);
        Assert.Contains(typeof(InstanceTargets).FullName!, e.Message);
    }

    [Fact]
    public void ProcessConstructor_GenericMethod_ThrowsInvalidTargetErrorNamingGeneric()
    {
        var e = Refused(GenericTargets.Run<int>);
        Assert.Contains("generic", e.Message);
    }

    [Fact]
    public void ProcessConstructor_MethodOfGenericType_ThrowsInvalidTargetErrorNamingGeneric()
    {
        var e = Refused(GenericHolder<string>.Run);
        Assert.Contains("generic", e.Message);
    }

    [Fact]
    public void ProcessConstructor_MulticastDelegate_ThrowsInvalidTargetError()
    {
        Action both = Targets.Noop;
        both += Targets.Noop;
        var e = Refused(both);
        Assert.Contains("multicast", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void ProcessConstructor_WrongArgumentCount_ThrowsInvalidTargetError(int count)
    {
        var e = Assert.Throws<InvalidTargetError>(() => new Process(Targets.TakeIntAndText, Enumerable.Repeat<object?>(1, count).ToArray()));
        Assert.Contains($"takes 2 argument(s) but {count} were given", e.Message);
    }

    [Fact]
    public void ProcessConstructor_WrongArgumentType_ThrowsInvalidTargetErrorNamingTheParameter()
    {
        var e = Assert.Throws<InvalidTargetError>(() => new Process(Targets.TakeIntAndText, ["not a number", "text"]));
        Assert.Contains("'number'", e.Message);
        Assert.Contains("String", e.Message);
        Assert.Contains("Int32", e.Message);
    }

    [Fact]
    public void ProcessConstructor_NullForValueTypeParameter_ThrowsInvalidTargetError()
    {
        var e = Assert.Throws<InvalidTargetError>(() => new Process(Targets.TakeIntAndText, [null, "text"]));
        Assert.Contains("null", e.Message);
    }

    public static TheoryData<string, Func<object>> Unserializable => new()
    {
        { "System.Object", () => new object() },
        { "System.IO.FileStream", () => new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.DeleteOnClose) },
    };

    [Theory]
    [MemberData(nameof(Unserializable))]
    public void ProcessStart_UnserializableArgument_ThrowsSerializationErrorBeforeAnyChildRuns(string typeName, Func<object> make)
    {
        var value = make();
        try
        {
            using var p = new Process(Targets.TakeAnything, [value]);
            var e = Assert.Throws<SerializationError>(p.Start);
            Assert.Contains(typeName, e.Message);
            Assert.StartsWith("args[0]: ", e.Message);
            Assert.Null(p.Pid);
            Assert.False(p.IsAlive);
            Assert.Null(p.ExitCode);
            // Nothing was started, so there is nothing to join either.
            Assert.Equal("can only join a started process", Assert.Throws<ProcessStateError>(() => p.Join(TimeSpan.Zero)).Message);
        }
        finally
        {
            (value as IDisposable)?.Dispose();
        }
    }
}
