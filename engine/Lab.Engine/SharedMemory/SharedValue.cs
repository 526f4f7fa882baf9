using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Synchronization;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// One value of an unmanaged type in shared memory, the analogue of CPython's multiprocessing.Value (seeds 59.16;
/// Lib/multiprocessing/sharedctypes.py). The memory is an anonymous memfd region (nothing in /dev/shm, nothing to
/// leak by name); hand the object to a child as a target argument to share it.
/// <para>
/// Synchronized (the default) carries a <see cref="ProcessRLock"/>, as CPython's Value(..., lock=True) creates
/// ctx.RLock(); reading and writing <see cref="Value"/> each take it, as the synchronized wrapper's property does.
/// A read-modify-write such as <c>Value += 1</c> is two operations: hold <see cref="GetLock"/> around it (seeds
/// 59.16: <c>with counter.get_lock(): counter.value += 1</c>). The lock is recursive, so <see cref="Value"/> can be
/// used while holding it. With <c>synchronized: false</c> (CPython's lock=False, i.e. RawValue) there is no lock.
/// </para>
/// </summary>
public sealed unsafe class SharedValue<T> : IInheritable, IDisposable where T : unmanaged
{
    private readonly SharedRegion _region;
    private readonly ProcessRLock? _lock;

    /// <param name="value">The initial value (CPython: Value(typecode, *args)); zero by default.</param>
    /// <param name="synchronized">CPython's lock=True (default) or lock=False. ('lock' is a C# keyword.)</param>
    public SharedValue(T value = default, bool synchronized = true)
        : this(SharedRegion.Create(Math.Max(1, sizeof(T)), "value"), synchronized ? new ProcessRLock() : null)
    {
        *(T*)_region.Pointer = value;
    }

    private SharedValue(SharedRegion region, ProcessRLock? lockObject)
    {
        _region = region;
        _lock = lockObject;
    }

    /// <summary>Reads or writes the value, each under the lock when synchronized.</summary>
    public T Value
    {
        get
        {
            if (_lock is null) return *Address;
            _lock.Acquire();
            try { return *Address; }
            finally { _lock.Release(); }
        }
        set
        {
            if (_lock is null)
            {
                *Address = value;
                return;
            }
            _lock.Acquire();
            try { *Address = value; }
            finally { _lock.Release(); }
        }
    }

    /// <summary>The value itself, without the lock (CPython's get_obj()): for code that already holds the lock, or
    /// for atomic operations such as Interlocked.Increment(ref v.Raw), which work across processes on shared memory.</summary>
    public ref T Raw => ref *Address;

    public bool IsSynchronized => _lock is not null;

    /// <summary>The lock (CPython's get_lock()). <exception cref="InvalidOperationException">if created with
    /// synchronized: false (CPython: AttributeError: 'c_int' object has no attribute 'get_lock').</exception></summary>
    public ProcessRLock GetLock() => _lock ?? throw new InvalidOperationException(
        $"this SharedValue<{typeof(T).Name}> was created with synchronized: false and has no lock " +
        "(CPython: a Value made with lock=False is a raw ctypes object, which has no get_lock)");

    /// <summary>Unmaps this process's view and closes its lock; other processes keep theirs.</summary>
    public void Dispose()
    {
        _region.Dispose();
        _lock?.Dispose();
    }

    public override string ToString()
    {
        try { return $"SharedValue<{typeof(T).Name}>({*Address}{(_lock is null ? ", raw" : "")})"; }
        catch (ObjectDisposedException) { return $"SharedValue<{typeof(T).Name}>(disposed)"; }
    }

    private T* Address => (T*)_region.Pointer;

    string IInheritable.InheritedKind => InheritedSharedValue.Kind;

    /// <summary>[element type name, element size, region slot, lock or null]; the lock crosses as a nested inherited
    /// object. Only the primitive types of <see cref="SharedElementTypes"/> can be rebuilt by a child.</summary>
    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        SharedElementTypes.CheckInheritable<T>("SharedValue");
        _ = _region.Pointer; // ObjectDisposedException once disposed
        return new object?[] { typeof(T).FullName, sizeof(T), writer.Add(_region.Descriptor), _lock };
    }

    internal static SharedValue<T> Rebuild(SharedRegion region, ProcessRLock? lockObject)
    {
        if (region.Length < sizeof(T))
            throw new ChannelFormatError($"an inherited SharedValue<{typeof(T).Name}> region has {region.Length} bytes, fewer than {sizeof(T)}");
        return new SharedValue<T>(region, lockObject);
    }
}
