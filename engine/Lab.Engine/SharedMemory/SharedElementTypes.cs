using Lab.Engine.Serialization;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// The element types a child can rebuild a <see cref="SharedValue{T}"/> or <see cref="SharedArray{T}"/> with: the
/// primitive unmanaged types, close to CPython's typecodes (sharedctypes.typecode_to_type: b B h H i I l L q Q f d,
/// c and u). The set is closed and the child picks the generic instance by switch, never by a type name from the
/// bytes (DESIGN.md: no type named by the bytes is instantiated). A parent may use any unmanaged T for itself;
/// passing another T to a child is refused at Start, before the child exists.
/// </summary>
internal static class SharedElementTypes
{
    public static readonly IReadOnlyList<Type> Inheritable =
    [
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(char), typeof(bool),
    ];

    public static void CheckInheritable<T>(string what) where T : unmanaged
    {
        if (!Inheritable.Contains(typeof(T)))
            throw new SerializationError(
                $"a {what}<{typeof(T).FullName}> cannot be passed to a child process: only these element types can " +
                $"({string.Join(", ", Inheritable.Select(t => t.Name))}), the analogues of CPython's typecodes");
    }

    /// <summary>Calls <paramref name="factory"/> with the closed generic type named by <paramref name="typeName"/>,
    /// after checking that the parent's element size matches this process's.</summary>
    public static TResult Dispatch<TResult>(string typeName, int elementSize, IFactory<TResult> factory) => typeName switch
    {
        "System.Byte" => Checked<byte, TResult>(elementSize, factory),
        "System.SByte" => Checked<sbyte, TResult>(elementSize, factory),
        "System.Int16" => Checked<short, TResult>(elementSize, factory),
        "System.UInt16" => Checked<ushort, TResult>(elementSize, factory),
        "System.Int32" => Checked<int, TResult>(elementSize, factory),
        "System.UInt32" => Checked<uint, TResult>(elementSize, factory),
        "System.Int64" => Checked<long, TResult>(elementSize, factory),
        "System.UInt64" => Checked<ulong, TResult>(elementSize, factory),
        "System.Single" => Checked<float, TResult>(elementSize, factory),
        "System.Double" => Checked<double, TResult>(elementSize, factory),
        "System.Char" => Checked<char, TResult>(elementSize, factory),
        "System.Boolean" => Checked<bool, TResult>(elementSize, factory),
        _ => throw new ChannelFormatError($"'{typeName}' is not an element type of shared values and arrays"),
    };

    internal interface IFactory<out TResult>
    {
        TResult Create<T>() where T : unmanaged;
    }

    private static unsafe TResult Checked<T, TResult>(int elementSize, IFactory<TResult> factory) where T : unmanaged =>
        elementSize == sizeof(T) ? factory.Create<T>()
        : throw new ChannelFormatError($"the parent's {typeof(T).Name} has {elementSize} bytes, this process's {sizeof(T)}");
}
