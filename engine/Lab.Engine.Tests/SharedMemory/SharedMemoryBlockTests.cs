using System.Text.RegularExpressions;
using Lab.Engine.SharedMemory;
using Xunit;

namespace Lab.Engine.Tests.SharedMemory;

/// <summary>SharedMemoryBlock in one process: CPython's rules and errors (Lib/multiprocessing/shared_memory.py,
/// SharedMemory.__init__, close, unlink), names, size, permissions, Close versus Unlink.</summary>
public sealed class SharedMemoryBlockTests : IDisposable
{
    private readonly DevShm _shm = new();

    public void Dispose() => _shm.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Block_CreateWithSizeNotPositive_ThrowsArgumentOutOfRange(long size)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SharedMemoryBlock(create: true, size: size));
        // CPython checks "size >= 0" first ("must be a positive integer"), then "create and size == 0".
        Assert.StartsWith(size == 0 ? "'size' must be a positive number different from zero" : "'size' must be a positive integer", e.Message);
        Assert.Equal("size", e.ParamName);
    }

    [Fact]
    public void Block_AttachWithNegativeSize_ThrowsArgumentOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SharedMemoryBlock("lab_never_created", size: -5));
        Assert.StartsWith("'size' must be a positive integer", e.Message);
    }

    [Fact]
    public void Block_NoNameWithoutCreate_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => new SharedMemoryBlock());
        Assert.StartsWith("'name' can only be None if create=True", e.Message);
    }

    [Fact]
    public void Block_AttachToMissingName_ThrowsFileNotFound()
    {
        var name = "lab_missing_" + Guid.NewGuid().ToString("N");
        var e = Assert.Throws<FileNotFoundException>(() => new SharedMemoryBlock(name));
        Assert.Equal("/dev/shm/" + name, e.FileName);
        Assert.Contains("[Errno 2] No such file or directory", e.Message);
        Assert.False(DevShm.Exists(name));
    }

    [Fact]
    public void Block_CreateExistingName_ThrowsExistsErrorAndLeavesTheExistingBlock()
    {
        using var first = _shm.Track(new SharedMemoryBlock(create: true, size: 8));
        first.Span[0] = 7;
        var e = Assert.Throws<SharedMemoryExistsError>(() => new SharedMemoryBlock(first.Name, create: true, size: 8));
        Assert.IsAssignableFrom<IOException>(e);
        Assert.Equal(first.Name, e.Name);
        // The failed create must not have removed or truncated someone else's block.
        using var again = new SharedMemoryBlock(first.Name);
        Assert.Equal(7, again.Span[0]);
        Assert.Contains(first.Name, SharedMemoryTracker.RegisteredByThisProcess);
        first.Unlink();
    }

    [Fact]
    public void Block_UnlinkTwice_SecondThrowsFileNotFound()
    {
        using var block = _shm.Track(new SharedMemoryBlock(create: true, size: 8));
        block.Unlink();
        Assert.False(DevShm.Exists(block.Name));
        Assert.Throws<FileNotFoundException>(block.Unlink);
    }

    [Fact]
    public void Block_CreatedWithoutName_NameIsLabPrefixAnd16HexDigits()
    {
        using var block = _shm.Track(new SharedMemoryBlock(create: true, size: 1));
        Assert.Matches(new Regex("^lab_[0-9a-f]{16}$"), block.Name);
        Assert.True(DevShm.Exists(block.Name));
        block.Unlink();
    }

    [Fact]
    public void Block_Created_DevShmEntryIsOwnerReadWriteOnly()
    {
        using var block = _shm.Track(new SharedMemoryBlock(create: true, size: 10));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DevShm.PathOf(block.Name)));
        block.Unlink();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(4096)]
    [InlineData(4097)]
    public void Block_CreatedWithSize_SizeIsExactlyThatOnCreatorAndAttacher(long size)
    {
        using var block = _shm.Track(new SharedMemoryBlock(create: true, size: size));
        // Attaching ignores the size argument, as CPython does (it uses fstat's st_size).
        using var attached = new SharedMemoryBlock(block.Name, size: 999_999);
        Assert.Equal(size, block.Size);
        Assert.Equal(size, attached.Size);
        Assert.Equal(size, block.Span.Length);
        Assert.Equal(size, new FileInfo(DevShm.PathOf(block.Name)).Length);
        block.Unlink();
    }

    [Fact]
    public void Block_TwoMappingsOfOneName_SeeEachOthersWrites()
    {
        using var a = _shm.Track(new SharedMemoryBlock(create: true, size: 10));
        using var b = new SharedMemoryBlock(a.Name);
        "hello"u8.CopyTo(a.Span);
        Assert.Equal("hello"u8.ToArray(), b.Span[..5].ToArray());
        b.Memory.Span[9] = 0xFF;
        Assert.Equal(0xFF, a.Span[9]);
        a.Unlink();
    }

    [Fact]
    public void Block_Dispose_ClosesButDoesNotUnlink()
    {
        string name;
        using (var block = _shm.Track(new SharedMemoryBlock(create: true, size: 4)))
        {
            name = block.Name;
            block.Span[3] = 9;
        }
        Assert.True(DevShm.Exists(name));
        using var again = new SharedMemoryBlock(name);
        Assert.Equal(9, again.Span[3]);
        again.Unlink();
    }

    [Fact]
    public void Block_CloseTwiceThenUse_CloseIsIdempotentAndAccessThrowsObjectDisposed()
    {
        var block = _shm.Track(new SharedMemoryBlock(create: true, size: 4));
        var memory = block.Memory;
        block.Close();
        block.Close();
        Assert.True(block.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => block.Span[0]);
        Assert.Throws<ObjectDisposedException>(() => memory.Span[0]);
        // Unlink needs only the name, as in CPython (close() then unlink()).
        block.Unlink();
        Assert.False(DevShm.Exists(block.Name));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("/lab_x")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("lab\nx")]
    public void Block_InvalidName_ThrowsArgumentExceptionBeforeTouchingDevShm(string name)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new SharedMemoryBlock(name, create: true, size: 1));
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void Block_NameOfNameMaxBytes_IsAcceptedAndOneMoreIsRefused()
    {
        var longest = "lab_" + new string('x', 251);
        using var block = _shm.Track(new SharedMemoryBlock(longest, create: true, size: 1));
        Assert.Equal(255, block.Name.Length);
        block.Unlink();
        var e = Assert.Throws<ArgumentException>(() => new SharedMemoryBlock(longest + "y", create: true, size: 1));
        Assert.Contains("NAME_MAX", e.Message);
    }

    [Fact]
    public void Block_GetSpanOutsideTheBlock_ThrowsArgumentOutOfRange()
    {
        using var block = _shm.Track(new SharedMemoryBlock(create: true, size: 16));
        Assert.Equal(4, block.GetSpan(12, 4).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => block.GetSpan(13, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.GetSpan(-1, 1));
        block.Unlink();
    }

    [Fact]
    public void Block_CreateThenUnlink_RegisteredWithTheTrackerUntilUnlinked()
    {
        using var block = _shm.Track(new SharedMemoryBlock(create: true, size: 1));
        Assert.Contains(block.Name, SharedMemoryTracker.RegisteredByThisProcess);
        Assert.NotNull(SharedMemoryTracker.Pid);
        Assert.Contains(block.Name, SharedMemoryTracker.EntriesInDevShm());
        block.Unlink();
        Assert.DoesNotContain(block.Name, SharedMemoryTracker.RegisteredByThisProcess);
        Assert.DoesNotContain(block.Name, SharedMemoryTracker.EntriesInDevShm());
    }

    [Fact]
    public void Block_Attached_IsNotRegisteredByTheAttacher()
    {
        var name = "lab_attach_" + Guid.NewGuid().ToString("N")[..16];
        // Created outside the engine, as a CPython process or another tree would.
        _shm.Track(name);
        File.WriteAllBytes(DevShm.PathOf(name), new byte[32]);
        using var block = new SharedMemoryBlock(name);
        Assert.Equal(32, block.Size);
        Assert.DoesNotContain(name, SharedMemoryTracker.RegisteredByThisProcess);
        block.Unlink();
    }

    [Fact]
    public void Block_AttachToEmptyEntry_ThrowsArgumentExceptionCannotMmapAnEmptyFile()
    {
        var name = _shm.Track("lab_empty_" + Guid.NewGuid().ToString("N")[..16]);
        File.WriteAllBytes(DevShm.PathOf(name), []);
        var e = Assert.Throws<ArgumentException>(() => new SharedMemoryBlock(name));
        Assert.Contains("cannot mmap an empty file", e.Message);
        File.Delete(DevShm.PathOf(name));
    }
}
