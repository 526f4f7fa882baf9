using System.Reflection;
using System.Runtime.CompilerServices;

namespace Lab.Engine.Targets;

/// <summary>
/// A process target identified by name, the analogue of a module-level function that pickle can refer to
/// (seeds 59.9: "target function must be importable"). Only static methods of named types qualify. A JIT worker finds
/// the method again from its assembly path and metadata token; a Native AOT worker by <see cref="Key"/> in its
/// compiled-in table (CompiledTargets), since it can load no assembly. In a Native AOT process the path is empty (an
/// AOT binary has no assembly files) and the token 0: such a target can only run on an AOT worker.
/// </summary>
internal sealed record TargetMethod(string AssemblyPath, string AssemblyName, string TypeName, string MethodName, int MetadataToken, int ParameterCount)
{
    public string DisplayName => $"{TypeName}.{MethodName}";

    /// <summary>The target's entry in a compiled-in table: "Assembly:Namespace.Type.Method/ParameterCount".</summary>
    public string Key => CompiledTargets.KeyOf(AssemblyName, TypeName, MethodName, ParameterCount);

    /// <summary>The form a target crosses a process boundary in (bootstrap, pool function, barrier action, manager
    /// registration).</summary>
    public object?[] ToTuple() => [AssemblyPath, AssemblyName, TypeName, MethodName, MetadataToken, ParameterCount];

    public static TargetMethod FromTuple(object?[] t, int offset = 0) =>
        new((string)t[offset]!, (string)t[offset + 1]!, (string)t[offset + 2]!, (string)t[offset + 3]!, (int)t[offset + 4]!, (int)t[offset + 5]!);

    /// <summary>Validates a delegate as a target. Lambdas, closures, local functions, instance methods, generic
    /// methods and in-memory assemblies are refused here, in the parent, before any child exists.</summary>
    public static TargetMethod From(Delegate target)
    {
        ArgumentNullException.ThrowIfNull(target);
        // What is checked below depends only on the method once the delegate is bound to no object and single; the
        // reflection costs microseconds, paid per ProcessPoolExecutor.Submit and Pool.ApplyAsync without this cache.
        if (target.Target is null && target.HasSingleTarget && Validated.TryGetValue(target.Method, out var known)) return known;
        var result = Validate(target);
        if (target.Target is null && target.HasSingleTarget) Validated.TryAdd(target.Method, result);
        return result;
    }

    /// <summary>Static methods that passed <see cref="Validate"/> (a bounded set: the program's target methods).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MethodInfo, TargetMethod> Validated = new();

    private static TargetMethod Validate(Delegate target)
    {
        var method = target.Method;
        var type = method.DeclaringType;
        if (target.Target is not null || !method.IsStatic)
            throw Refuse(target, IsCompilerGenerated(method)
                ? "it is a lambda or an anonymous method, which is compiled into a hidden class instance (and may capture variables)"
                : $"it is an instance method bound to an object of type {target.Target?.GetType().FullName}, whose state cannot cross a process boundary");
        if (type is null || IsCompilerGenerated(method))
            throw Refuse(target, "it is a local function or a compiler-generated method, which has no name a child process can look up");
        if (AsyncTargets.IsAsyncVoid(method))
            throw Refuse(target, "it is 'async void': nothing can wait for its end, so the child would exit before its work is done and lose its exceptions. Declare it 'async Task' (the child awaits it)");
        if (target.GetInvocationList().Length > 1)
            throw Refuse(target, "it is a multicast delegate (several methods)");
        if (method.IsGenericMethodDefinition || method.IsGenericMethod || type.ContainsGenericParameters || type.IsGenericType)
            throw Refuse(target, "it is generic; the engine identifies targets by name without type arguments");
        var parameterCount = method.GetParameters().Length;
        var assemblyName = type.Assembly.GetName().Name!;
        // A Native AOT process has no assembly files and no metadata tokens: its targets are known by key only, and
        // only an AOT worker (this very binary, WorkerLocator) can run them.
        if (CompiledTargets.IsAotProcess)
            return new TargetMethod("", assemblyName, type.FullName!, method.Name, 0, parameterCount);
        if (method.DeclaringType!.Assembly.IsDynamic || string.IsNullOrEmpty(type.Assembly.Location))
            throw Refuse(target, "its assembly was not loaded from a file, so a child process cannot load it");
        return new TargetMethod(type.Assembly.Location, assemblyName, type.FullName!, method.Name, method.MetadataToken, parameterCount);
    }

    internal static bool IsCompilerGenerated(MethodInfo method)
    {
        if (method.Name.Contains('<') || method.IsDefined(typeof(CompilerGeneratedAttribute)))
            return true;
        for (var t = method.DeclaringType; t is not null; t = t.DeclaringType)
            if (t.Name.Contains('<') || t.IsDefined(typeof(CompilerGeneratedAttribute)))
                return true;
        return false;
    }

    private static InvalidTargetError Refuse(Delegate target, string why) => new(
        $"{Describe(target.Method)} cannot be a process target: {why}. " +
        "A target must be a static method of a named class, the way CPython needs a module-level function it can pickle by name " +
        "(lambdas and local functions fail there too under spawn and forkserver). Move the code into a static method and pass its data as arguments.");

    private static string Describe(MethodInfo m) => $"'{m.DeclaringType?.FullName}.{m.Name}'";
}

/// <summary>The target cannot be run in a child process (closures, lambdas, instance methods, wrong arguments).</summary>
public sealed class InvalidTargetError(string message) : ArgumentException(message);
