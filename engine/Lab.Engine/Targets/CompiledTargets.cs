using System.Runtime.CompilerServices;

namespace Lab.Engine.Targets;

/// <summary>
/// Targets compiled into this executable, called through a direct delegate instead of Assembly.Load and
/// MethodBase.Invoke (issue #11). A Native AOT process can load no assembly and resolve no metadata token, so there every
/// target comes from this table; a JIT process has it empty and resolves by reflection (TargetCalls). Entries come from
/// generated code: engine/Lab.Engine.TargetGenerator emits one per [ProcessTarget] method of an assembly, and an AOT
/// worker host registers the tables of every assembly it references.
/// <para>Key: assembly simple name, type full name (nested types with '+'), method name and parameter count
/// ("Asm:Ns.Type.Method/2"): overloads of different arity are told apart; the parent always sends every parameter
/// (TargetBinder fills defaults), so the child never needs ParameterInfo.</para>
/// </summary>
internal static class CompiledTargets
{
    private static readonly Dictionary<string, Entry> Table = new(StringComparer.Ordinal);

    /// <summary>A compiled-in target: its direct call (an awaitable result is waited for, the value returned) and, for a
    /// pool function of primitive shape, the pool's typed chunk runner (Pools/TypedChunks).</summary>
    internal sealed record Entry(Func<object?[], object?> Invoke, Func<object, object>? TypedChunk);

    /// <summary>Whether this process runs Native AOT code (no JIT: no assembly loading, no emitted code). ILC folds it to
    /// true, so the reflection paths guarded by it are not compiled into an AOT binary.</summary>
    public static bool IsAotProcess => !RuntimeFeature.IsDynamicCodeSupported;

    public static IReadOnlyCollection<string> Keys
    {
        get { lock (Table) return Table.Keys.Order(StringComparer.Ordinal).ToArray(); }
    }

    public static string KeyOf(string assemblyName, string typeName, string methodName, int parameterCount) =>
        $"{assemblyName}:{typeName}.{methodName}/{parameterCount}";

    public static void Register(string key, Func<object?[], object?> invoke, Func<object, object>? typedChunk)
    {
        lock (Table) Table[key] = new Entry(invoke, typedChunk);
    }

    public static bool TryFind(TargetMethod target, out Entry entry)
    {
        lock (Table) return Table.TryGetValue(target.Key, out entry!);
    }

    public static InvalidTargetError NotCompiledIn(TargetMethod target) => new(
        $"target {target.DisplayName} is not compiled into this Native AOT worker ({target.Key} is not among its {Keys.Count} " +
        "targets), and an AOT worker cannot load assemblies. Mark the method [ProcessTarget] in an assembly that the AOT worker " +
        "host references, or run it on the JIT worker (WorkerChoice.Jit).");
}
