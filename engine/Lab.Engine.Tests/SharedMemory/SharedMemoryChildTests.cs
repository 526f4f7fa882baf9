using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Processes;
using Lab.Engine.SharedMemory;
using Xunit;

namespace Lab.Engine.Tests.SharedMemory;

/// <summary>A SharedMemoryBlock handed to a child (seeds 59.17: "process A maps shared memory block, process B maps
/// same shared memory block"): the child attaches by name, as CPython's unpickled SharedMemory does.</summary>
public sealed class SharedMemoryChildTests : IDisposable
{
    private readonly DevShm _shm = new();

    public void Dispose() => _shm.Dispose();

    /// <summary>A block size and writes [offset, bytes] inside it; later writes may overlap earlier ones.</summary>
    private static readonly Gen<(int Size, List<(int Offset, byte[] Bytes)> Writes)> BlockWrites =
        from size in Gen.Choose(1, 70_000)
        from writes in Gen.Choose(0, size - 1).SelectMany(offset =>
                Gen.Choose(0, Math.Min(300, size - offset)).SelectMany(length =>
                    Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length).Select(bytes => (offset, bytes))))
            .ListOf().Select(l => l.Take(8).ToList())
        select (size, writes);

    [Fact]
    public void Block_ChildWritesAtRandomOffsets_ParentReadsExactlyTheModel()
    {
        PropertyCheck.Run(Prop.ForAll(Arb.From(BlockWrites), c =>
        {
            using var block = _shm.Track(new SharedMemoryBlock(create: true, size: c.Size));
            try
            {
                var model = new byte[c.Size];
                foreach (var (offset, bytes) in c.Writes) bytes.CopyTo(model, offset);
                var writes = c.Writes.Select(w => (object?)new object?[] { w.Offset, w.Bytes }).ToList();

                using var p = new Process(SharedMemoryTargets.WriteAll, [block, writes], output: ProcessOutput.Capture).RunToEnd();
                Assert.True(p.ExitCode == 0, $"child exit code {p.ExitCode}: {p.Stderr}");
                return block.Span.SequenceEqual(model);
            }
            finally
            {
                block.Unlink();
            }
        }), maxTest: 12);
    }

    [Fact]
    public void Block_PassedToChild_ChildAttachesWithTheSameSizeAndSharesTheParentsTracker()
    {
        using var block = _shm.Track(new SharedMemoryBlock(create: true, size: 4097));
        using var handshake = new Handshake();
        using var p = new Process(SharedMemoryTargets.ReportBlockAndTracker, [block, handshake.Path], output: ProcessOutput.Capture);
        p.Start();
        var reply = handshake.Receive(p, Limits.Join).Split(' ');
        p.JoinOrFail();
        _shm.Track(reply[2]);

        Assert.Equal(0, p.ExitCode);
        Assert.Equal("4097", reply[0]);
        // The child registered its own block with the tracker it inherited with the block, not a new one.
        Assert.Equal(SharedMemoryTracker.Pid?.ToString(CultureInfo.InvariantCulture), reply[1]);
        Assert.False(DevShm.Exists(reply[2]));
        block.Unlink();
    }

    [Fact]
    public void Block_UnlinkedBeforeChildStarts_ChildFailsWithFileNotFound()
    {
        var block = _shm.Track(new SharedMemoryBlock(create: true, size: 8));
        block.Unlink();
        block.Close();
        using var p = new Process(SharedMemoryTargets.WriteAll, [block, new List<object?>()], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal(typeof(FileNotFoundException).FullName, p.Error?.Type);
    }
}
