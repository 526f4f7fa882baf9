using System.Reflection;
using System.Runtime.Loader;
using Lab.Engine.Pools;
using Lab.Engine.Processes;
using Lab.Engine.Targets;
using Xunit;

namespace Lab.Engine.Tests.Pools;

/// <summary>
/// Issue #10 §2 and §5: a task's exception comes back with what it carried, and the bytes a worker sends never choose
/// code that runs in the parent. Before the fix the parent called Type.GetType on an assembly-qualified name from the
/// worker (loading any assembly it named and running its initializers), SystemExit(3) came back with code 1, and
/// ParamName / ActualValue came back null.
/// </summary>
public class RemoteExceptionTests
{
    private static readonly TargetMethod Function = TargetMethod.From((Func<int, int>)PoolTargets.Square);

    private static Exception Forged(string typeName) =>
        RemoteExceptions.Rebuild([typeName, "forged message", "forged traceback", new Dictionary<string, object?>()], 0, Function);

    private static bool Loaded(string simpleName) =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == simpleName);

    /// <summary>Names the runtime's type-name parser would resolve by loading an assembly: an assembly qualifier, a
    /// generic argument with one, a rooted path as the assembly. None is looked up: each arrives as a RemoteTaskError
    /// carrying the name, and no assembly is loaded (Lab.Engine.Worker.dll sits next to the tests, unloaded).</summary>
    [Theory]
    [InlineData("Program, Lab.Engine.Worker")]
    [InlineData("System.Collections.Generic.List`1[[Program, Lab.Engine.Worker]]")]
    [InlineData("Evil.Boom, /tmp/lab-evil/Lab.Engine.Worker")]
    [InlineData("Program")]
    public void Rebuild_ForgedTypeName_LoadsNothing_RaisesRemoteTaskError(string typeName)
    {
        Assert.False(Loaded("Lab.Engine.Worker"));
        var error = Assert.IsType<RemoteTaskError>(Forged(typeName));
        Assert.Equal(typeName, error.RemoteType);
        Assert.Equal("forged message", error.RemoteMessage);
        Assert.False(Loaded("Lab.Engine.Worker"));
    }

    [Fact]
    public void Rebuild_MalformedDescription_IsAFormatError() =>
        Assert.Throws<Serialization.ChannelFormatError>(() => RemoteExceptions.Rebuild(["X", 1, null], 0, Function));

    [Fact]
    public void Rebuild_FrameworkAndFunctionAssemblyTypes_AreRecreated()
    {
        Assert.IsType<InvalidOperationException>(Forged("System.InvalidOperationException"));
        Assert.IsType<ForgeryTarget>(Forged(typeof(ForgeryTarget).FullName!));
    }

    [Fact]
    public void Rebuild_TypeOfAnotherAssembly_OnlyOnceAllowed()
    {
        // A public exception type of a loaded assembly that is neither the framework's, the engine's nor the function's.
        var name = typeof(Xunit.Sdk.XunitException).FullName!;
        Assert.IsType<RemoteTaskError>(Forged(name));
        RemoteExceptionTypes.Allow<Xunit.Sdk.XunitException>();
        Assert.IsType<Xunit.Sdk.XunitException>(Forged(name));
    }

    /// <summary>The dependency resolver of targets' assemblies refuses names that are paths: the old handler joined a
    /// rooted name onto the target's directory, which yields the rooted path itself, and loaded the file there.</summary>
    [Theory]
    [InlineData("/tmp/lab-evil/bait")]
    [InlineData("../bait")]
    [InlineData("sub/bait")]
    public void TargetDependencies_PathAsAssemblyName_ResolvesNothing(string name)
    {
        var directory = Directory.CreateTempSubdirectory("lab-evil-");
        try
        {
            var bait = Path.Combine(directory.FullName, "bait.dll");
            File.Copy(typeof(PoolTargets).Assembly.Location, bait);
            TargetDependencies.AddProbingDirectory(directory.FullName);
            var rooted = name.StartsWith('/') ? Path.Combine(directory.FullName, "bait") : name;
            Assert.Null(TargetDependencies.Resolve(AssemblyLoadContext.Default, new AssemblyName { Name = rooted }));
            Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => !a.IsDynamic && a.Location == bait);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>End to end: a task writes its own Error frame on its worker's channel naming an assembly-qualified type.
    /// The parent raises a RemoteTaskError with that name and loads nothing.</summary>
    [Fact]
    public void Pool_TaskForgesErrorFrame_ParentLoadsNothing_RaisesRemoteTaskError() => Bounded.Run(() =>
    {
        const string name = "Program, Lab.Engine.Worker";
        using var pool = new Pool(1);
        var error = Assert.Throws<RemoteTaskError>(() => pool.ApplyAsync<int>((Func<string, int>)PoolTargets.ForgeError, [name]).Get(Limits.Join));
        Assert.Equal(name, error.RemoteType);
        Assert.False(Loaded("Lab.Engine.Worker"));
    });

    [Fact]
    public void Pool_TaskRaisesSystemExit_CodeKept() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var error = Assert.Throws<SystemExit>(() => pool.Apply<int>((Func<int, int>)PoolTargets.SystemExitWith, 3));
        Assert.Equal(3, error.Code);
        Assert.Contains(nameof(PoolTargets.SystemExitWith), (string)error.Data[RemoteExceptions.TracebackKey]!);
    });

    [Fact]
    public void Pool_ArgumentExceptions_ParamNameActualValueAndMessageKept() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Apply<int>((Func<int, int>)PoolTargets.ArgumentOutOfRange, 42));
        Assert.Equal("x", range.ParamName);
        Assert.Equal(42, range.ActualValue);
        Assert.Equal(new ArgumentOutOfRangeException("x", 42, "x must be small").Message, range.Message);
        var missing = Assert.Throws<ArgumentNullException>(() => pool.Apply<int>((Func<int, int>)PoolTargets.ArgumentNull, 5));
        Assert.Equal("name", missing.ParamName);
        Assert.Equal(new ArgumentNullException("name", "name is required for 5").Message, missing.Message);
        var disposed = Assert.Throws<ObjectDisposedException>(() => pool.Apply<int>((Func<int, int>)PoolTargets.Disposed, 6));
        Assert.Equal("the-resource", disposed.ObjectName);
        Assert.Equal(new ObjectDisposedException("the-resource", "gone 6").Message, disposed.Message);
    });

    /// <summary>Issue #10 §4: a child's exception message is the runtime's text, not a resource key
    /// ("Format_InvalidStringWithValue, x" with UseSystemResourceKeys).</summary>
    [Fact]
    public void Pool_FrameworkExceptionInWorker_MessageIsReadableText() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var error = Assert.Throws<FormatException>(() => pool.Apply<int>((Func<string, int>)PoolTargets.ParseText, "x"));
        Assert.Equal("The input string 'x' was not in a correct format.", error.Message);
    });

    [Fact]
    public void Process_FrameworkExceptionInChild_ErrorMessageIsReadableText()
    {
        using var p = new Process(Targets.ParseText, ["x"]).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal("The input string 'x' was not in a correct format.", p.Error!.Message);
    }

    /// <summary>Issue #10 §5: each Get raises the stored exception with the stack trace it had (here, the cast that
    /// failed on the pool's supervisor thread) rather than a trace that starts at the latest Get.</summary>
    [Fact]
    public void AsyncResult_GetTwice_KeepsTheOriginalStackTrace() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var result = pool.ApplyAsync<string>((Func<int, int>)PoolTargets.Square, [3]);
        var first = Assert.Throws<InvalidCastException>(() => result.Get(Limits.Join));
        var second = Assert.Throws<InvalidCastException>(() => result.Get(Limits.Join));
        Assert.Same(first, second);
        Assert.Contains("Cast", second.StackTrace);
        Assert.Contains(nameof(AsyncResult_GetTwice_KeepsTheOriginalStackTrace), second.StackTrace);
    });
}

/// <summary>An exception type of the tests' own assembly (the function's assembly in these tests).</summary>
public sealed class ForgeryTarget(string message) : Exception(message);
