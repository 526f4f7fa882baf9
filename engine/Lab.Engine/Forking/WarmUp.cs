using System.Reflection;
using Lab.Engine.Processes;
using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Targets;

namespace Lab.Engine.Forking;

/// <summary>
/// Runs the child path once on a no-op target, so that a pre-started worker has already JIT-compiled and
/// initialised what a job needs (frames over a pipe, bootstrap decoding, target resolution by metadata token,
/// argument binding, the exit report). This is the engine's stand-in for the warm state a CPython forkserver
/// child gets from fork(). Only what the target's own assembly needs is left for the job.
/// </summary>
internal static class WarmUp
{
    public static void Run()
    {
        // A Native AOT worker has nothing to JIT, and the path exercised here (a target resolved by token) is not in it.
        if (CompiledTargets.IsAotProcess) return;
        var target = TargetMethod.From((Action<int, string, byte[], object?>)NoOp);
        var args = ChannelEncoder.Encode(new object?[] { 1, "warm", new byte[] { 1 }, null }, null, new InheritanceWriter(), "args");
        var frame = ControlProtocol.EncodeBootstrap(new Bootstrap(target, args, "warm-up", false, 0, StartMethod.ForkServer, 10, 0));
        var pipe = UnixPipe.Create();
        using (var write = pipe.OpenWrite()) Frames.Write(write, frame);
        byte[]? read;
        using (var input = pipe.OpenRead()) read = Frames.Read(input);
        var bootstrap = ControlProtocol.DecodeBootstrap(read!);
        var method = TargetResolver.Resolve(bootstrap.Target);
        var decoded = (object?[])ChannelDecoder.Decode(bootstrap.Args, null, new InheritanceReader(10, 0))!;
        method.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, TargetBinder.Bind(method, decoded), culture: null);
        _ = ControlProtocol.DecodeExit(ControlProtocol.EncodeExit(new ExitReport(0, new RemoteError("T", "m", "tb"), 1)));
        _ = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    }

    private static void NoOp(int number, string text, byte[] bytes, object? nothing) { }
}
