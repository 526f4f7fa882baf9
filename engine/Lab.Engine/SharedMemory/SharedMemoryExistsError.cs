namespace Lab.Engine.SharedMemory;

/// <summary>Creating a block whose name already exists in /dev/shm (CPython: FileExistsError, errno EEXIST, from
/// shm_open with O_CREAT | O_EXCL).</summary>
public sealed class SharedMemoryExistsError(string name)
    : IOException($"[Errno 17] File exists: '/{name}' (a shared memory block with this name already exists in {SharedMemoryNames.Directory})")
{
    public string Name { get; } = name;
}
