using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

/// <summary>
/// Unix-domain socket calls of the forkserver (Forking/): a SOCK_SEQPACKET socketpair keeps message boundaries,
/// descriptors cross it as SCM_RIGHTS ancillary data (man 7 unix), and SO_PEERCRED names the process that made
/// the pair, which is how the server authenticates its parent (CPython's forkserver uses a listening socket and
/// an HMAC challenge instead: forkserver.py, connection.answer_challenge).
/// </summary>
internal static partial class Libc
{
    internal const int SOCK_SEQPACKET = 5;
    internal const int SOL_SOCKET = 1;
    internal const int SO_PEERCRED = 17;
    internal const int SCM_RIGHTS = 1;
    internal const int MSG_CMSG_CLOEXEC = 0x40000000;
    internal const int MSG_NOSIGNAL = 0x4000;
    internal const int ECONNRESET = 104;
    internal const int EBADF = 9;

    /// <summary>SCM_MAX_FD (include/net/scm.h): the most descriptors one message can carry.</summary>
    internal const int MaxDescriptorsPerMessage = 253;

    [StructLayout(LayoutKind.Sequential)]
    internal struct UCred
    {
        public int Pid;
        public uint Uid;
        public uint Gid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr on 64-bit Linux (man 2 recvmsg).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport(Name, SetLastError = true)]
    private static unsafe partial nint sendmsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(Name, SetLastError = true)]
    private static unsafe partial nint recvmsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(Name, SetLastError = true)]
    private static unsafe partial int getsockopt(int fd, int level, int option, void* value, uint* length);

    [LibraryImport(Name)]
    internal static partial uint getuid();

    internal const int SHUT_RDWR = 2;

    /// <summary>shutdown(2): unlike close(), wakes a thread blocked in recvmsg on the socket and shows the peer
    /// end-of-stream at once, even while another thread still holds the descriptor in a system call.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int shutdown(int fd, int how);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int dup2(int oldfd, int newfd);

    private const long SYS_pidfd_send_signal = 424;

    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall_pidfd_send_signal(long number, int pidfd, int sig, nint info, uint flags);

    /// <summary>pidfd_send_signal(2), Linux 5.1+: signals exactly the process the pidfd was opened for, never a
    /// process that reused its pid — needed for a child that is not ours to reap (a forkserver child).</summary>
    internal static int pidfd_send_signal(int pidfd, int sig) => (int)syscall_pidfd_send_signal(SYS_pidfd_send_signal, pidfd, sig, 0, 0);

    /// <summary>A close-on-exec SOCK_SEQPACKET pair, both ends above 0..9 (see UnixPipe.AboveLowRange).</summary>
    internal static unsafe (int, int) SeqPacketPair()
    {
        var sv = stackalloc int[2];
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) throw Error("socketpair(SOCK_SEQPACKET)", LastErrno);
        return (sv[0], sv[1]);
    }

    /// <summary>The credentials of the process that created the peer end (for a socketpair: its creator).</summary>
    internal static unsafe UCred PeerCredentials(int socket)
    {
        UCred cred;
        var length = (uint)sizeof(UCred);
        if (getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) throw Error("getsockopt(SO_PEERCRED)", LastErrno);
        return cred;
    }

    /// <summary>Sends one message with the descriptors as SCM_RIGHTS. Returns 0 or an errno (EPIPE/ECONNRESET
    /// when the peer is gone; MSG_NOSIGNAL keeps SIGPIPE away).</summary>
    internal static unsafe int SendMessage(int socket, ReadOnlySpan<byte> data, ReadOnlySpan<int> descriptors)
    {
        if (descriptors.Length > MaxDescriptorsPerMessage)
            throw new ArgumentException($"at most {MaxDescriptorsPerMessage} descriptors fit in one message (SCM_MAX_FD), not {descriptors.Length}");
        var controlBytes = descriptors.Length == 0 ? 0 : CmsgSpace(descriptors.Length * sizeof(int));
        var control = stackalloc byte[Math.Max(controlBytes, 8)];
        fixed (byte* bytes = data)
        {
            var iov = new IoVec { Base = bytes, Length = (nuint)data.Length };
            var header = new MsgHdr { Iov = &iov, IovLength = 1 };
            if (controlBytes > 0)
            {
                new Span<byte>(control, controlBytes).Clear();
                *(nuint*)control = (nuint)(CmsgHeaderBytes + descriptors.Length * sizeof(int));
                *(int*)(control + sizeof(nuint)) = SOL_SOCKET;
                *(int*)(control + sizeof(nuint) + sizeof(int)) = SCM_RIGHTS;
                descriptors.CopyTo(new Span<int>(control + CmsgHeaderBytes, descriptors.Length));
                header.Control = control;
                header.ControlLength = (nuint)controlBytes;
            }
            while (true)
            {
                if (sendmsg(socket, &header, MSG_NOSIGNAL) >= 0) return 0;
                if (LastErrno != EINTR) return LastErrno;
            }
        }
    }

    /// <summary>Receives one message and its SCM_RIGHTS descriptors (close-on-exec). Returns the byte count, 0 at
    /// end of stream, or -errno. A truncated message or descriptor list is an error: nothing is silently lost.</summary>
    internal static unsafe int ReceiveMessage(int socket, Span<byte> buffer, List<int> descriptors)
    {
        const int controlBytes = 16 + MaxDescriptorsPerMessage * sizeof(int) + 16;
        var control = stackalloc byte[controlBytes];
        fixed (byte* bytes = buffer)
        {
            var iov = new IoVec { Base = bytes, Length = (nuint)buffer.Length };
            var header = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = controlBytes };
            nint n;
            while ((n = recvmsg(socket, &header, MSG_CMSG_CLOEXEC)) < 0)
                if (LastErrno != EINTR) return -LastErrno;
            var offset = 0;
            while (offset + CmsgHeaderBytes <= (int)header.ControlLength)
            {
                var length = (int)*(nuint*)(control + offset);
                if (length < CmsgHeaderBytes) break;
                var level = *(int*)(control + offset + sizeof(nuint));
                var type = *(int*)(control + offset + sizeof(nuint) + sizeof(int));
                if (level == SOL_SOCKET && type == SCM_RIGHTS)
                    for (var i = 0; i < (length - CmsgHeaderBytes) / sizeof(int); i++)
                        descriptors.Add(*(int*)(control + offset + CmsgHeaderBytes + i * sizeof(int)));
                offset += CmsgAlign(length);
            }
            const int MSG_TRUNC = 0x20, MSG_CTRUNC = 0x8;
            if ((header.Flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) return -EMSGSIZE;
            return (int)n;
        }
    }

    internal const int EMSGSIZE = 90;

    private static int CmsgHeaderBytes => CmsgAlign(sizeof(long) + 2 * sizeof(int));
    private static int CmsgAlign(int n) => (n + sizeof(long) - 1) & ~(sizeof(long) - 1);
    private static int CmsgSpace(int n) => CmsgHeaderBytes + CmsgAlign(n);
}
