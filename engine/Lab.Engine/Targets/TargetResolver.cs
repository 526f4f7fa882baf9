using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Lab.Engine.Targets;

/// <summary>Finds a target again inside the child: loads its assembly from the path and resolves the method by
/// metadata token, checking that the name still matches (a rebuilt assembly gives a clear error, not another method).</summary>
internal static class TargetResolver
{
    public static MethodInfo Resolve(TargetMethod target)
    {
        TargetDependencies.AddProbingDirectory(Path.GetDirectoryName(target.AssemblyPath)!);
        var assembly = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => !a.IsDynamic && a.Location == target.AssemblyPath)
                       ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(target.AssemblyPath);
        var method = assembly.ManifestModule.ResolveMethod(target.MetadataToken) as MethodInfo;
        if (method is null || method.Name != target.MethodName || method.DeclaringType?.FullName != target.TypeName)
            throw new InvalidTargetError($"target {target.DisplayName} was not found in {target.AssemblyPath} (was the assembly rebuilt after the parent loaded it?)");
        return method;
    }
}

/// <summary>
/// Dependencies of a target's assembly live next to it, as in its own bin folder: the default load context is asked to
/// look there (its Resolving event) for an assembly it cannot find. One handler per process, registered on first use,
/// and it only looks up simple names in the directories of targets this process resolved: a name with a directory
/// separator, a rooted path or "..", which a type name sent by another process could carry, resolves to nothing
/// (issue #10 §2).
/// </summary>
internal static class TargetDependencies
{
    private static readonly ConcurrentDictionary<string, byte> Directories = new(StringComparer.Ordinal);
    private static int _registered;

    public static void AddProbingDirectory(string directory)
    {
        Directories.TryAdd(Path.GetFullPath(directory), 0);
        if (Interlocked.Exchange(ref _registered, 1) == 0) AssemblyLoadContext.Default.Resolving += Resolve;
    }

    /// <summary>The handler (internal for its tests).</summary>
    internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        var simple = name.Name;
        if (string.IsNullOrEmpty(simple) || simple.IndexOfAny(['/', '\\', '\0']) >= 0 || Path.IsPathRooted(simple) || simple.Contains("..", StringComparison.Ordinal))
            return null;
        foreach (var directory in Directories.Keys)
        {
            var candidate = Path.Join(directory, simple + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }
}
