using Lab.Engine.Interop;

namespace Lab.Engine.Forking;

/// <summary>
/// The server's authentication of its parent. The channel is a socketpair made by the parent and inherited by the
/// server at spawn: there is no address anyone else could connect to, so only a process that holds the other end
/// can talk to the server. SO_PEERCRED (man 7 unix) adds a check that the end's creator is the expected parent with
/// our uid, which catches a descriptor passed on to (or inherited by) someone else. CPython's forkserver listens on
/// a named socket and so needs an HMAC challenge with a shared key (connection.answer_challenge); we have nothing
/// to listen on, so no key.
/// </summary>
internal static class PeerCheck
{
    /// <summary>Null if the peer is the expected process with our uid, else why it is refused.</summary>
    public static string? Refusal(int socket, int expectedPid, uint expectedUid)
    {
        Libc.UCred cred;
        try { cred = Libc.PeerCredentials(socket); }
        catch (IOException e) { return e.Message; }
        if (cred.Uid != expectedUid) return $"the peer runs as uid {cred.Uid}, not {expectedUid}";
        if (cred.Pid != expectedPid) return $"the peer end was created by pid {cred.Pid}, not by the parent {expectedPid}";
        return null;
    }
}
