using System.Collections.Concurrent;
using System.Net.Sockets;
using Lab.Engine.Connections;
using Lab.Engine.Interop;
using Lab.Engine.Serialization;
using Lab.Engine.Targets;

namespace Lab.Engine.Managers;

/// <summary>
/// The manager's process (CPython's managers.Server): it binds the Unix socket inside the owner-only directory that
/// the parent made, says "ready" on the pipe the parent waits on, then serves each accepted connection on its own
/// thread (CPython's serve_client threads) until a shutdown request. Objects live until the server exits
/// (CPython frees them by reference count as proxies go away; the engine keeps them for the manager's lifetime).
/// </summary>
internal static class ManagerServer
{
    /// <summary>The process target. The registration method is named by the parent, as every target is; a client
    /// can only name a type id that it registered.</summary>
    [ProcessTarget]
    internal static void Serve(Connection ready, string address, byte[] key, object?[]? registration)
    {
        var registry = new ManagerRegistry();
        Socket listener;
        try
        {
            if (registration is not null) TargetCalls.Resolve(TargetMethod.FromTuple(registration))([registry]);
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(address));
            // The directory is 0700 already; 0600 on the socket itself keeps it private if the directory is ever opened up.
            File.SetUnixFileMode(address, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(128);
        }
        catch (Exception e)
        {
            ready.Send(new object?[] { ManagerProtocol.Error, $"{e.GetType().Name}: {(e.InnerException ?? e).Message}" });
            throw;
        }
        ready.Send(new object?[] { ManagerProtocol.Ok });
        ready.Dispose();
        new State(registry, key, listener).AcceptUntilShutdown();
    }

    private sealed class State(ManagerRegistry registry, byte[] key, Socket listener)
    {
        private readonly ConcurrentDictionary<long, IManagedObject> _objects = new();
        private long _nextId;
        private volatile bool _stopping;

        public void AcceptUntilShutdown()
        {
            while (!_stopping)
            {
                Socket client;
                try { client = listener.Accept(); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { break; }
                var thread = new Thread(() => ServeClient(client), maxStackSize: 256 * 1024) { IsBackground = true, Name = "lab-manager-client" };
                thread.Start();
            }
        }

        private void ServeClient(Socket client)
        {
            var stream = SocketStreams.Buffered(client);
            try
            {
                // Another user cannot reach the 0700 directory; the peer check says so even if someone widened it.
                if (Libc.PeerCredentials((int)client.Handle).Uid != Libc.getuid()) return;
                client.ReceiveTimeout = (int)ManagerConnection.HandshakeTimeout.TotalMilliseconds;
                Challenge.Deliver(stream, key);
                Challenge.Answer(stream, key);
                client.ReceiveTimeout = 0;
                while (Frames.Read(stream) is { } frame)
                {
                    var (reply, stop) = Handle(frame);
                    Frames.Write(stream, reply);
                    if (stop)
                    {
                        Stop();
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ChannelFormatError or ManagerAuthenticationError)
            {
                // The client went away, sent garbage or failed the challenge: only this connection ends.
            }
            finally
            {
                SocketStreams.Close(stream, client);
            }
        }

        private (byte[] Reply, bool Stop) Handle(byte[] frame)
        {
            try
            {
                return ChannelDecoder.Decode(frame) switch
                {
                    object?[] { Length: 4 } r when r[0] is ManagerProtocol.Call && r[1] is long id && r[2] is string method && r[3] is object?[] args =>
                        (ManagerProtocol.Reply(Find(id).Invoke(method, args)), false),
                    object?[] { Length: 4 } r when r[0] is ManagerProtocol.Create && r[2] is string typeid && r[3] is object?[] args =>
                        (ManagerProtocol.Reply(Create(typeid, args)), false),
                    object?[] { Length: 4 } r when r[0] is ManagerProtocol.Shutdown => (ManagerProtocol.Reply(null), true),
                    _ => throw new RemoteFault("ValueError", "malformed manager request"),
                };
            }
            catch (RemoteFault e) { return (ManagerProtocol.Failure(e.Type, e.Message), false); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A result that is not a channel value, a bad cast in an application's method: the caller hears of it.
                return (ManagerProtocol.Failure(e.GetType().Name, e.Message), false);
            }
        }

        private IManagedObject Find(long id) =>
            _objects.TryGetValue(id, out var o) ? o : throw new RemoteFault("KeyError", $"no object with id {id} in the manager");

        private long Create(string typeid, object?[] args)
        {
            IManagedObject instance = BuiltinObjects.Create(typeid, args)
                ?? (registry.TryCreate(typeid, out var registered) ? new RegisteredObject(typeid, registered)
                    : throw new RemoteFault("KeyError", $"'{typeid}' is not a registered manager type"));
            var id = Interlocked.Increment(ref _nextId);
            _objects[id] = instance;
            return id;
        }

        private void Stop()
        {
            _stopping = true;
            listener.Dispose();
        }
    }
}
