using Lab.Engine.Serialization;

namespace Lab.Engine.Managers;

/// <summary>
/// The messages after the handshake, each one channel value in one frame (CPython's managers.py sends pickled
/// tuples: (ident, methodname, args, kwds) and ('#RETURN', value) / ('#ERROR', exc)). Requests are tuples
/// { op, object id, method or type id, args }; replies are { "ok", value } or { "error", type, message }.
/// A reply is written only after the request took effect, so an acknowledged call is never lost.
/// </summary>
internal static class ManagerProtocol
{
    public const string Call = "call";
    public const string Create = "create";
    public const string Shutdown = "shutdown";
    public const string Ok = "ok";
    public const string Error = "error";

    public static byte[] Request(string op, long id, string name, object?[] args) =>
        ChannelEncoder.Encode(new object?[] { op, id, name, args }, null, null, "manager call");

    public static byte[] Reply(object? value) => ChannelEncoder.Encode(new object?[] { Ok, value }, null, null, "manager reply");

    public static byte[] Failure(string type, string message) => ChannelEncoder.Encode(new object?[] { Error, type, message });

    /// <summary>A reply's value, or the server's error raised here.</summary>
    public static object? Unwrap(byte[] frame)
    {
        var reply = ChannelDecoder.Decode(frame) as object?[];
        return reply switch
        {
            [Ok, var value] => value,
            [Error, string type, string message] => throw (type == "Empty" ? new Queues.QueueEmptyError() : new ManagerCallError(type, message)),
            _ => throw new ChannelFormatError("malformed manager reply"),
        };
    }
}

/// <summary>An error a managed object raises on purpose, with CPython's exception name (sent as the error's type).</summary>
internal sealed class RemoteFault(string type, string message) : Exception(message)
{
    public string Type { get; } = type;
}
