using System.Security.Cryptography;
using System.Text;
using Lab.Engine.Serialization;

namespace Lab.Engine.Managers;

/// <summary>
/// The manager's authentication, CPython's deliver_challenge/answer_challenge (multiprocessing/connection.py,
/// 3.12+ with a "{sha256}" digest tag): one side sends 40 random bytes, the other answers with their HMAC-SHA256
/// under the shared key, and the first replies #WELCOME# or #FAILURE#. The server challenges first, then the
/// client challenges the server (both directions, as CPython's Listener.accept and Client do), so a process
/// without the key can neither call the server nor impersonate it. The key itself never crosses the socket.
/// </summary>
internal static class Challenge
{
    private const int MessageLength = 40;
    private static readonly byte[] ChallengeTag = "#CHALLENGE#{sha256}"u8.ToArray();
    private static readonly byte[] Welcome = "#WELCOME#"u8.ToArray();
    private static readonly byte[] Failure = "#FAILURE#"u8.ToArray();

    /// <summary>Handshake frames are tiny: a peer that sends more is not one of ours.</summary>
    private static readonly ChannelLimits HandshakeLimits = new(256, 1);

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static void Deliver(Stream stream, byte[] key)
    {
        var message = RandomNumberGenerator.GetBytes(MessageLength);
        Frames.Write(stream, [.. ChallengeTag, .. message]);
        var response = Frames.Read(stream, HandshakeLimits) ?? throw new ManagerAuthenticationError("the peer closed the connection during the challenge");
        var ok = CryptographicOperations.FixedTimeEquals(response, HMACSHA256.HashData(key, message));
        Frames.Write(stream, ok ? Welcome : Failure);
        if (!ok) throw new ManagerAuthenticationError("digest received was wrong");
    }

    public static void Answer(Stream stream, byte[] key)
    {
        var challenge = Frames.Read(stream, HandshakeLimits) ?? throw new ManagerAuthenticationError("the peer closed the connection before its challenge");
        if (challenge.Length != ChallengeTag.Length + MessageLength || !challenge.AsSpan().StartsWith(ChallengeTag))
            throw new ManagerAuthenticationError($"protocol error: expected a challenge, got {challenge.Length} bytes ({Printable(challenge)})");
        Frames.Write(stream, HMACSHA256.HashData(key, challenge.AsSpan(ChallengeTag.Length)));
        var verdict = Frames.Read(stream, HandshakeLimits);
        if (verdict is null || !verdict.AsSpan().SequenceEqual(Welcome))
            throw new ManagerAuthenticationError("digest sent was rejected");
    }

    private static string Printable(byte[] bytes) => Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 20));
}
