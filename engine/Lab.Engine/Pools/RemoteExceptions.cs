using System.Reflection;

namespace Lab.Engine.Pools;

/// <summary>
/// Re-creates a task's exception in the parent (CPython pickles the exception itself and attaches the remote
/// traceback as __cause__, pool.py ExceptionWithTraceback / rebuild_exc). The channel carries no objects, so the type
/// is loaded by its assembly-qualified name, and only if it is an Exception with a (string, Exception) or (string)
/// constructor; otherwise the error is a <see cref="RemoteTaskError"/>. The remote traceback travels as the
/// InnerException (a RemoteTaskError) and in Data["RemoteTraceback"] (for types with only a (string) constructor).
/// </summary>
internal static class RemoteExceptions
{
    public const string TracebackKey = "RemoteTraceback";

    /// <param name="described">fullName, assemblyQualifiedName, message, traceback (PoolProtocol.DescribeException).</param>
    public static Exception Rebuild(object?[] described, int offset)
    {
        var fullName = (string)described[offset]!;
        var qualified = described[offset + 1] as string;
        var message = (string)described[offset + 2]!;
        var traceback = (string)described[offset + 3]!;
        var remote = new RemoteTaskError(fullName, message, traceback);
        var type = Load(qualified);
        if (type is null) return remote;
        try
        {
            Exception? rebuilt = null;
            if (type.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
                rebuilt = (Exception)withInner.Invoke([message, remote]);
            else if (type.GetConstructor([typeof(string)]) is { } plain)
                rebuilt = (Exception)plain.Invoke([message]);
            if (rebuilt is null) return remote;
            rebuilt.Data[TracebackKey] = traceback;
            return rebuilt;
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException or ArgumentException)
        {
            return remote;
        }
    }

    private static Type? Load(string? qualified)
    {
        if (qualified is null) return null;
        try
        {
            var type = Type.GetType(qualified, throwOnError: false);
            return type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract ? type : null;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or TypeLoadException or ArgumentException)
        {
            return null;
        }
    }
}
