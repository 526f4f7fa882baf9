using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Synchronization;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// A fixed-length array of an unmanaged type in shared memory, the analogue of CPython's multiprocessing.Array
/// (seeds 59.16; Lib/multiprocessing/sharedctypes.py), in an anonymous memfd region. Synchronized (the default)
/// carries a <see cref="ProcessRLock"/> (CPython's default ctx.RLock()); the indexer, <see cref="ToArray"/> and
/// <see cref="CopyFrom"/> each take it, as SynchronizedArray's __getitem__, __setitem__ and slices do.
/// <see cref="Span"/> is the raw memory (CPython's get_obj()), never locked. Indices are checked:
/// IndexOutOfRangeException, as CPython's IndexError("invalid index"); C#'s a[^1] works through Length.
/// </summary>
public sealed unsafe class SharedArray<T> : IInheritable, IDisposable where T : unmanaged
{
    private readonly SharedRegion _region;
    private readonly ProcessRLock? _lock;

    /// <summary>A zero-filled array. <exception cref="ArgumentOutOfRangeException">if length &lt; 0 (CPython:
    /// ValueError "Array length must be >= 0, not -1").</exception></summary>
    public SharedArray(int length, bool synchronized = true)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, $"Array length must be >= 0, not {length}");
        Length = length;
        // A memfd cannot be mapped with length 0: an empty array still has one byte behind it.
        _region = SharedRegion.Create(Math.Max(1, (long)length * sizeof(T)), "array");
        _lock = synchronized ? new ProcessRLock() : null;
    }

    /// <summary>An array holding a copy of <paramref name="initializer"/> (CPython: Array(typecode, sequence)).</summary>
    public SharedArray(ReadOnlySpan<T> initializer, bool synchronized = true) : this(initializer.Length, synchronized) =>
        initializer.CopyTo(Span);

    private SharedArray(SharedRegion region, int length, ProcessRLock? lockObject)
    {
        _region = region;
        Length = length;
        _lock = lockObject;
    }

    public int Length { get; }

    public bool IsSynchronized => _lock is not null;

    public T this[int index]
    {
        get
        {
            var p = Element(index);
            if (_lock is null) return *p;
            _lock.Acquire();
            try { return *p; }
            finally { _lock.Release(); }
        }
        set
        {
            var p = Element(index);
            if (_lock is null)
            {
                *p = value;
                return;
            }
            _lock.Acquire();
            try { *p = value; }
            finally { _lock.Release(); }
        }
    }

    /// <summary>The elements without the lock (CPython's get_obj()). Valid until Dispose.</summary>
    public Span<T> Span => new(_region.Pointer, Length);

    /// <summary>A copy of every element, taken under the lock (CPython: arr[:]).</summary>
    public T[] ToArray()
    {
        using (Locked()) return Span.ToArray();
    }

    /// <summary>Overwrites every element under the lock (CPython: arr[:] = values). <exception cref="ArgumentException">
    /// if the lengths differ (CPython: ValueError "Can only assign sequence of same size").</exception></summary>
    public void CopyFrom(ReadOnlySpan<T> values)
    {
        if (values.Length != Length)
            throw new ArgumentException($"Can only assign sequence of same size: {values.Length} values into an array of {Length}", nameof(values));
        using (Locked()) values.CopyTo(Span);
    }

    /// <summary>The lock (CPython's get_lock()). <exception cref="InvalidOperationException">if created with
    /// synchronized: false (CPython: AttributeError, a raw array has no get_lock).</exception></summary>
    public ProcessRLock GetLock() => _lock ?? throw new InvalidOperationException(
        $"this SharedArray<{typeof(T).Name}> was created with synchronized: false and has no lock " +
        "(CPython: an Array made with lock=False is a raw ctypes array, which has no get_lock)");

    public void Dispose()
    {
        _region.Dispose();
        _lock?.Dispose();
    }

    public override string ToString() => $"SharedArray<{typeof(T).Name}>[{Length}]{(_lock is null ? " raw" : "")}";

    private T* Element(int index) =>
        (uint)index < (uint)Length ? (T*)_region.Pointer + index
        : throw new IndexOutOfRangeException($"invalid index {index} for a SharedArray of length {Length}");

    private IDisposable? Locked() => _lock?.Hold();

    string IInheritable.InheritedKind => InheritedSharedArray.Kind;

    /// <summary>[element type name, element size, length, region slot, lock or null].</summary>
    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        SharedElementTypes.CheckInheritable<T>("SharedArray");
        _ = _region.Pointer; // ObjectDisposedException once disposed
        return new object?[] { typeof(T).FullName, sizeof(T), Length, writer.Add(_region.Descriptor), _lock };
    }

    internal static SharedArray<T> Rebuild(SharedRegion region, int length, ProcessRLock? lockObject)
    {
        if (length < 0 || region.Length < (long)length * sizeof(T))
            throw new ChannelFormatError($"an inherited SharedArray<{typeof(T).Name}> of length {length} does not fit its {region.Length}-byte region");
        return new SharedArray<T>(region, length, lockObject);
    }
}
