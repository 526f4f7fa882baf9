using System.Reflection;
using System.Runtime.Loader;

namespace Lab.Engine.Targets;

/// <summary>Finds a target again inside the child: loads its assembly from the path and resolves the method by
/// metadata token, checking that the name still matches (a rebuilt assembly gives a clear error, not another method).</summary>
internal static class TargetResolver
{
    public static MethodInfo Resolve(TargetMethod target)
    {
        var directory = Path.GetDirectoryName(target.AssemblyPath)!;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            // Dependencies of the target's assembly live next to it, as in its own bin folder.
            var candidate = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        var assembly = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => !a.IsDynamic && a.Location == target.AssemblyPath)
                       ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(target.AssemblyPath);
        var method = assembly.ManifestModule.ResolveMethod(target.MetadataToken) as MethodInfo;
        if (method is null || method.Name != target.MethodName || method.DeclaringType?.FullName != target.TypeName)
            throw new InvalidTargetError($"target {target.DisplayName} was not found in {target.AssemblyPath} (was the assembly rebuilt after the parent loaded it?)");
        return method;
    }
}
