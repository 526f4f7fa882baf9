using System.Reflection;

namespace Lab.Engine.Managers;

/// <summary>
/// An instance of an application's registered type. Callable are the public instance methods its own type declares
/// (CPython exposes the public methods, those not starting with '_'; object's GetType, ToString… are not offered),
/// matched by name and argument count; arguments and results are channel values. One call at a time per object:
/// the application's type need not be thread-safe.
/// </summary>
internal sealed class RegisteredObject(string typeid, object instance) : IManagedObject
{
    public object? Invoke(string method, object?[] args)
    {
        var candidates = instance.GetType()
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == method && !m.IsSpecialName && !m.IsGenericMethodDefinition && m.GetParameters().Length == args.Length)
            .ToArray();
        if (candidates is not [var target])
            throw candidates.Length == 0
                ? BuiltinObjects.NoMethod(typeid, method)
                : new RemoteFault("TypeError", $"'{typeid}.{method}' is overloaded with {args.Length} parameters; the manager calls by name and count only");
        lock (instance)
        {
            try
            {
                return target.Invoke(instance, BindingFlags.Default, binder: null, args, culture: null);
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                throw new RemoteFault(inner.GetType().Name, inner.Message);
            }
            catch (ArgumentException e)
            {
                throw new RemoteFault("TypeError", $"{typeid}.{method}: {e.Message}");
            }
        }
    }
}
