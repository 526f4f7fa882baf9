namespace Lab.Engine.Managers;

/// <summary>A static method that registers an application's types; it runs inside the manager's process, like
/// CPython's BaseManager.register calls that a spawned server re-executes when it imports the module.</summary>
public delegate void ManagerRegistration(ManagerRegistry registry);

/// <summary>
/// The types a manager's server may create besides its built-in ones. Filled by the application's
/// <see cref="ManagerRegistration"/> in the server's own process: a client only ever sends a registered name, so
/// the server never loads or instantiates a type that bytes from a client named (seeds 59.9, "bytes never choose a type").
/// </summary>
public sealed class ManagerRegistry
{
    private readonly Dictionary<string, Func<object>> _factories = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="typeid"/>. Its public instance methods declared
    /// by the type itself are callable through a <see cref="Proxy"/> with channel values; one call at a time per object.</summary>
    public void Register<T>(string typeid) where T : class, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(typeid);
        if (BuiltinObjects.IsBuiltin(typeid))
            throw new ArgumentException($"'{typeid}' is a built-in manager type", nameof(typeid));
        if (!_factories.TryAdd(typeid, static () => new T()))
            throw new ArgumentException($"'{typeid}' is registered already", nameof(typeid));
    }

    internal bool TryCreate(string typeid, out object instance)
    {
        if (_factories.TryGetValue(typeid, out var factory))
        {
            instance = factory();
            return true;
        }
        instance = null!;
        return false;
    }
}
