namespace Lab.Engine.Serialization;

/// <summary>
/// The buffer a declared message length is read into (issue #10 §3). A length header is only a claim by the peer:
/// the buffer starts at <see cref="InitialBytes"/> at most and doubles as bytes actually arrive, up to the declared
/// length, so a header alone costs no more than 64 KiB and a message costs at most about twice its size (CPython's
/// Connection grows its buffer as bytes come in too, connection.py _recv). The last growth lands on the declared
/// length exactly, so the finished buffer is the message.
/// </summary>
internal static class MessageBuffer
{
    public const int InitialBytes = 64 * 1024;

    public static byte[] Start(int length) => new byte[Math.Min(length, InitialBytes)];

    /// <summary>Makes room for more of a message of <paramref name="length"/> bytes once <paramref name="buffer"/> is full.</summary>
    public static void Grow(ref byte[] buffer, int length)
    {
        if (buffer.Length < length) Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
    }
}
