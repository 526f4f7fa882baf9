using System.Reflection;
using System.Text.RegularExpressions;
using Lab.Engine.Processes;

namespace Lab.Engine.Pools;

/// <summary>
/// A task's exception, sent by a worker and re-created in the parent (CPython pickles the exception itself and
/// attaches the remote traceback as __cause__, pool.py ExceptionWithTraceback / rebuild_exc).
/// <para>
/// The bytes come from another process, so they never choose code to load or run (issue #10 §2): the type is found
/// by its full name only among types the parent already trusts — the framework's (System.Private.CoreLib and the
/// loaded System.* assemblies), the engine's, the assembly of the function that ran (the parent runs its code
/// already) and those registered with <see cref="RemoteExceptionTypes.Allow{TException}"/> — and only in assemblies
/// already loaded. A name with generic arguments or an assembly qualifier is never looked up. Anything else arrives
/// as a <see cref="RemoteTaskError"/> carrying the remote type name, message and traceback.
/// </para>
/// <para>
/// What is kept: the message; the remote traceback (as the InnerException, a RemoteTaskError, where the type has a
/// (string, Exception) constructor, and always in Data["RemoteTraceback"]); SystemExit's code and text;
/// ParamName of ArgumentException, ArgumentNullException and ArgumentOutOfRangeException (whose ActualValue is kept
/// when it is a channel value — int, long, double, bool, string — and otherwise as its text); ObjectDisposedException's
/// ObjectName; FileNotFoundException's FileName. Other properties of other types are not carried.
/// </para>
/// </summary>
internal static partial class RemoteExceptions
{
    public const string TracebackKey = "RemoteTraceback";

    private const string ParamName = "param_name", ActualValue = "actual_value", ObjectName = "object_name",
        FileName = "file_name", ExitCode = "exit_code", ExitText = "exit_text";

    /// <summary>The worker side: (full type name, message, traceback, details), all channel values.</summary>
    public static object?[] Describe(Exception e)
    {
        var details = new Dictionary<string, object?>();
        var message = e.Message;
        switch (e)
        {
            case SystemExit exit:
                details[ExitCode] = exit.Code;
                details[ExitText] = exit.Text;
                break;
            case ArgumentException argument when argument.ParamName is not null:
                details[ParamName] = argument.ParamName;
                if (argument is ArgumentOutOfRangeException { ActualValue: { } actual })
                    details[ActualValue] = actual is int or long or double or bool or string ? actual : actual.ToString();
                message = WithoutSuffix(message, ArgumentSuffix(argument));
                break;
            case ObjectDisposedException disposed:
                details[ObjectName] = disposed.ObjectName;
                message = WithoutSuffix(message, new ObjectDisposedException(disposed.ObjectName, "").Message);
                break;
            case FileNotFoundException missing when missing.FileName is not null:
                details[FileName] = missing.FileName;
                break;
        }
        return [e.GetType().FullName ?? e.GetType().Name, message, e.ToString(), details];
    }

    /// <summary>The parent side.</summary>
    /// <param name="described">What <see cref="Describe"/> produced, from <paramref name="offset"/>.</param>
    /// <param name="function">The function that ran (the parent's own record of it): the parent trusts its assembly's types.</param>
    public static Exception Rebuild(object?[] described, int offset, Targets.TargetMethod function)
    {
        if (described.Length < offset + 4 || described[offset] is not string fullName || described[offset + 1] is not string message
            || described[offset + 2] is not string traceback || described[offset + 3] is not Dictionary<string, object?> details)
            throw new Serialization.ChannelFormatError("malformed pool message: an error without its type, message, traceback and details");
        var remote = new RemoteTaskError(fullName, message, traceback);
        var functionAssembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && a.Location == function.AssemblyPath);
        if (Find(fullName, functionAssembly) is not { } type) return remote;
        Exception? rebuilt;
        try
        {
            rebuilt = Construct(type, message, details, remote);
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException or ArgumentException or InvalidCastException)
        {
            return remote;
        }
        if (rebuilt is null) return remote;
        rebuilt.Data[TracebackKey] = traceback;
        return rebuilt;
    }

    private static Exception? Construct(Type type, string message, Dictionary<string, object?> details, RemoteTaskError remote)
    {
        string? Text(string key) => details.GetValueOrDefault(key) as string;
        if (type == typeof(SystemExit))
            return Text(ExitText) is { } text ? new SystemExit(text) : new SystemExit(details.GetValueOrDefault(ExitCode) as int? ?? 1);
        if (type == typeof(ArgumentOutOfRangeException))
            return new ArgumentOutOfRangeException(Text(ParamName), details.GetValueOrDefault(ActualValue), message);
        if (type == typeof(ArgumentNullException))
            return new ArgumentNullException(Text(ParamName), message);
        if (type == typeof(ArgumentException))
            return new ArgumentException(message, Text(ParamName), remote);
        if (type == typeof(ObjectDisposedException))
            return new ObjectDisposedException(Text(ObjectName), message);
        if (type == typeof(FileNotFoundException))
            return new FileNotFoundException(message, Text(FileName), remote);
        if (type.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
            return (Exception)withInner.Invoke([message, remote]);
        if (type.GetConstructor([typeof(string)]) is { } plain)
            return (Exception)plain.Invoke([message]);
        return null;
    }

    /// <summary>A public, concrete Exception type of that full name in a trusted, already loaded assembly, or null.</summary>
    private static Type? Find(string fullName, Assembly? functionAssembly)
    {
        if (!PlainTypeName().IsMatch(fullName)) return null;
        if (RemoteExceptionTypes.Allowed(fullName) is { } registered) return registered;
        foreach (var assembly in TrustedAssemblies(functionAssembly))
        {
            var type = assembly.GetType(fullName, throwOnError: false, ignoreCase: false);
            if (type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract && (type.IsPublic || type.IsNestedPublic))
                return type;
        }
        return null;
    }

    private static IEnumerable<Assembly> TrustedAssemblies(Assembly? functionAssembly)
    {
        yield return typeof(object).Assembly;
        yield return typeof(RemoteExceptions).Assembly;
        if (functionAssembly is not null) yield return functionAssembly;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            if (!assembly.IsDynamic && assembly.GetName().Name is { } name && name.StartsWith("System.", StringComparison.Ordinal))
                yield return assembly;
    }

    /// <summary>Namespaces, a type name and nested types ('+'): no generic arity or arguments, no assembly qualifier,
    /// nothing the runtime's type-name parser would resolve by loading an assembly.</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*([.+][A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex PlainTypeName();

    /// <summary>What ArgumentException.Message appends to the message it was given (" (Parameter 'x')", and for
    /// ArgumentOutOfRangeException a line with the actual value), found by asking the runtime rather than assuming
    /// its English text.</summary>
    private static string ArgumentSuffix(ArgumentException e) => e switch
    {
        ArgumentOutOfRangeException r => new ArgumentOutOfRangeException(r.ParamName, r.ActualValue, "").Message,
        _ => new ArgumentException("", e.ParamName).Message,
    };

    private static string WithoutSuffix(string message, string suffix) =>
        suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
}
