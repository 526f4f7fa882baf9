using System.Collections.Concurrent;

namespace Lab.Engine;

/// <summary>
/// Exception types that a pool may re-create in the parent when a task raises them, besides the ones it trusts
/// without being told: the framework's, the engine's and those of the function's own assembly. A type from anywhere
/// else (a shared library of the application, say) arrives as a <see cref="RemoteTaskError"/> unless it is allowed
/// here. The list is the parent's own: names sent by a worker are only ever looked up in it.
/// </summary>
public static class RemoteExceptionTypes
{
    private static readonly ConcurrentDictionary<string, Type> Registered = new(StringComparer.Ordinal);

    /// <summary>Allows <typeparamref name="TException"/> to be re-created from a task's error. It needs a public
    /// (string, Exception) or (string) constructor; otherwise the error stays a <see cref="RemoteTaskError"/>.</summary>
    public static void Allow<TException>() where TException : Exception
    {
        var type = typeof(TException);
        if (type.IsAbstract || type.ContainsGenericParameters || type.IsGenericType)
            throw new ArgumentException($"{type.FullName} cannot be re-created from a name: it is abstract or generic", nameof(TException));
        Registered[type.FullName!] = type;
    }

    internal static Type? Allowed(string fullName) => Registered.GetValueOrDefault(fullName);
}
