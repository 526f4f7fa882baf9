using System.Security.Cryptography;
using System.Text;
using Lab.Engine.Interop;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// Names of POSIX shared memory objects, which on Linux are files in /dev/shm (man 7 shm_overview). CPython passes
/// "/" + name to shm_open(3), and glibc turns that into /dev/shm/name after stripping leading slashes, refusing a
/// name that still holds a '/' and one longer than NAME_MAX (glibc posix/shm-directory.c). The engine opens the
/// file itself (see SharedMemoryBlock), so it applies those rules here, with clearer errors than EINVAL.
/// </summary>
internal static class SharedMemoryNames
{
    public const string Directory = "/dev/shm";

    /// <summary>Every name the engine generates starts with this, so the lab's entries are recognisable in /dev/shm
    /// (CPython's are "psm_" + 8 hex digits, shared_memory.py _make_filename).</summary>
    public const string GeneratedPrefix = "lab_";

    public static string PathOf(string name) => Directory + "/" + name;

    /// <summary>"lab_" + 16 random hex digits: 64 random bits, from a CSPRNG like CPython's secrets.token_hex.</summary>
    public static string Generate() => GeneratedPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Throws ArgumentException for a name that cannot be one file directly in /dev/shm. Control characters
    /// are refused too: the tracker's protocol is one line per name.</summary>
    public static void Validate(string name, string paramName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length == 0)
            throw new ArgumentException("a shared memory block name cannot be empty", paramName);
        if (name.Contains('/'))
            throw new ArgumentException(
                $"invalid shared memory block name '{name}': it cannot contain '/' (it names one file directly in {Directory}; " +
                "CPython's leading '/' is added by shm_open and is not part of the name)", paramName);
        if (name is "." or "..")
            throw new ArgumentException($"invalid shared memory block name '{name}'", paramName);
        if (name.Any(char.IsControl))
            throw new ArgumentException($"invalid shared memory block name {Quote(name)}: it contains a control character", paramName);
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > Libc.NAME_MAX)
            throw new ArgumentException(
                $"shared memory block name is too long: {bytes} bytes in UTF-8, over NAME_MAX ({Libc.NAME_MAX}) for a file in {Directory}", paramName);
    }

    /// <summary>True if <paramref name="name"/> passes <see cref="Validate"/> (the tracker's own check of what it is asked to unlink).</summary>
    public static bool IsValid(string name)
    {
        try
        {
            Validate(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Quote(string name) => "'" + string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";
}
