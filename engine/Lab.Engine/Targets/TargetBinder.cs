using System.Reflection;

namespace Lab.Engine.Targets;

/// <summary>Checks arguments against a target's parameters. Done in the parent at Start() so that a wrong call
/// is an error there, not a TypeError in a child that was started for nothing (CPython reports it from the child).</summary>
internal static class TargetBinder
{
    public static object?[] Bind(MethodInfo method, object?[] args)
    {
        var parameters = method.GetParameters();
        var required = parameters.Count(p => !p.HasDefaultValue);
        if (args.Length < required || args.Length > parameters.Length)
            throw new InvalidTargetError(
                $"{method.DeclaringType?.FullName}.{method.Name} takes {(required == parameters.Length ? $"{required}" : $"{required} to {parameters.Length}")} argument(s) but {args.Length} were given");
        var bound = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (i >= args.Length) { bound[i] = p.DefaultValue; continue; }
            var value = args[i];
            var fits = value is null
                ? !p.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.ParameterType) is not null
                : p.ParameterType.IsInstanceOfType(value);
            if (!fits)
                throw new InvalidTargetError(
                    $"argument {i} ('{p.Name}') of {method.DeclaringType?.FullName}.{method.Name} is a {value?.GetType().Name ?? "null"}, but the parameter is a {p.ParameterType.Name}");
            bound[i] = value;
        }
        return bound;
    }
}
