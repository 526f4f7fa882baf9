using Lab.Engine.SharedMemory;
using Xunit;

namespace Lab.Engine.Tests.SharedMemory;

/// <summary>
/// The leak check of the shared memory tests: a test class owns one, every test records the names it (or its
/// children) created, and after the test (xunit disposes the class) none of them may remain in /dev/shm. Leftovers
/// are unlinked before the failure is reported, so one failing test does not pollute the machine or the next test.
/// Exact names rather than a before/after listing of /dev/shm: other test classes run in parallel.
/// </summary>
public sealed class DevShm : IDisposable
{
    private readonly List<string> _names = [];

    public static string PathOf(string name) => "/dev/shm/" + name;

    public static bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>Records a name for the end-of-test check and returns it.</summary>
    public string Track(string name)
    {
        lock (_names) _names.Add(name);
        return name;
    }

    public SharedMemoryBlock Track(SharedMemoryBlock block)
    {
        Track(block.Name);
        return block;
    }

    public void Dispose()
    {
        List<string> left;
        lock (_names) left = _names.Distinct().Where(Exists).ToList();
        foreach (var name in left) File.Delete(PathOf(name));
        Assert.True(left.Count == 0, $"entries of this test left in /dev/shm: {string.Join(", ", left)}");
    }
}
