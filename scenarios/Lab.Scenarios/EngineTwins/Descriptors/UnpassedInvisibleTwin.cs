using System.Net;
using System.Net.Sockets;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Descriptors;

/// <summary>The parent opens a file, a pipe or a listening socket (as .NET opens them: close-on-exec) and starts a child
/// without passing it; the child looks for it among its descriptors.</summary>
public sealed class UnpassedInvisibleTwin : EngineTwin
{
    public override string Id => "descriptors.unpassed-invisible";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var kind = (string)@case.Params["kind"]!;
        var directory = Directory.CreateTempSubdirectory("lab-descriptors-");
        try
        {
            using var resource = Open(kind, directory.FullName, out var fd);
            var link = DescriptorsTargets.Link(fd);
            using var scope = new ChildScope(context, budget);
            var p = Run.ToEnd(scope, DescriptorsTargets.ExitIfOpen, [link]);
            if (p is null) return Run.Hang("the child listing its descriptors");
            return p.ExitCode switch
            {
                DescriptorsTargets.Visible => new(Observe.Pairs(("visible", true)), $"the child holds {link}"),
                0 => new(Observe.Pairs(("visible", false)), $"the child does not hold {link}"),
                var code => new(Observe.Pairs(("child_exitcode", code)), "the child failed to list its descriptors"),
            };
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The resource and the parent's descriptor number for it (the pipe's read end).</summary>
    private static IDisposable Open(string kind, string directory, out long fd)
    {
        switch (kind)
        {
            case "file":
                var file = File.Open(Path.Combine(directory, "unpassed.txt"), FileMode.CreateNew, FileAccess.ReadWrite);
                fd = file.SafeFileHandle.DangerousGetHandle();
                return file;
            case "pipe":
                var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
                fd = pipe.SafePipeHandle.DangerousGetHandle();
                return pipe;
            case "socket":
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                socket.Listen();
                fd = socket.SafeHandle.DangerousGetHandle();
                return socket;
            default:
                throw new ArgumentException($"parameter 'kind' must be file, pipe or socket, not '{kind}'");
        }
    }
}
