using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A semaphore that may not rise above its initial value: multiprocessing.BoundedSemaphore, a SemLock of kind
/// SEMAPHORE with maxvalue = value. A release at the bound raises "semaphore or lock released too many times".
/// Unlike semaphore.c, whose sem_getvalue-then-sem_post check is "not an absolute guarantee", the bound is
/// enforced by one compare-and-swap, so concurrent releases cannot pass it.
/// </summary>
/// <remarks>Shared words as <see cref="ProcessSemaphore"/>; the bound travels in the inherited state.</remarks>
[InheritedKind("bounded-semaphore")]
public sealed class ProcessBoundedSemaphore : IDisposable, IInheritable
{
    private readonly SharedWords _words;

    public ProcessBoundedSemaphore(int value = 1) : this(ProcessSemaphore.Create(value, nameof(ProcessBoundedSemaphore)), value) { }

    private ProcessBoundedSemaphore(SharedWords words, int maxValue)
    {
        _words = words;
        MaxValue = maxValue;
    }

    /// <summary>The initial value, which the value never exceeds.</summary>
    public int MaxValue { get; }

    /// <inheritdoc cref="ProcessSemaphore.Acquire(bool, TimeSpan?)"/>
    public bool Acquire(bool block = true, TimeSpan? timeout = null) => ProcessSemaphore.Acquire(_words, block, timeout);

    /// <summary>Adds one unit and wakes one waiter. <exception cref="SynchronizationError">if the value is
    /// already <see cref="MaxValue"/>.</exception></summary>
    public void Release() => ProcessSemaphore.Release(_words, MaxValue);

    public IDisposable Hold(TimeSpan? timeout = null) => Releaser.Hold(Acquire, Release, timeout, "semaphore");

    /// <inheritdoc cref="ProcessSemaphore.Value"/>
    public int Value => ProcessSemaphore.ValueOf(_words);

    /// <summary>Unmaps this process's view once no operation of this process uses it; other processes keep theirs.</summary>
    public void Dispose() => _words.Dispose();

    public override string ToString()
    {
        try { return $"<ProcessBoundedSemaphore(value={Value}, maxvalue={MaxValue})>"; }
        catch (ObjectDisposedException) { return "<ProcessBoundedSemaphore(disposed)>"; }
    }

    string IInheritable.InheritedKind => "bounded-semaphore";

    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        using var use = _words.Enter();
        return new object?[] { writer.Add(_words.Descriptor), MaxValue };
    }

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        var maxValue = (int)s[1]!;
        if (maxValue < 0) throw new InvalidCastException($"a bounded semaphore's bound cannot be {maxValue}");
        return InheritedObjects.GetOrCreateWords(reader, (int)s[0]!, words => new ProcessBoundedSemaphore(words, maxValue));
    }
}
