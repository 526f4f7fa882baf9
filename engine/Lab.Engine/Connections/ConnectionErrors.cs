namespace Lab.Engine.Connections;

/// <summary>recv_bytes_into's buffer was too small: the whole message is kept here (CPython's BufferTooShort,
/// whose args[0] is the message), so nothing is lost.</summary>
public sealed class BufferTooShortError(byte[] message)
    : Exception($"the buffer is too short for a {message.Length}-byte message (the message is in this exception's Message bytes)")
{
    public byte[] MessageBytes { get; } = message;
}
