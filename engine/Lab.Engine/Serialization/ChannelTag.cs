namespace Lab.Engine.Serialization;

/// <summary>
/// The one-byte type tags of the serialization channel (the engine's "pickle channel", seeds 59.9).
/// The set is closed: the decoder only ever constructs these types, so bytes can never name a type
/// to instantiate (no BinaryFormatter-style gadgets).
/// </summary>
internal enum ChannelTag : byte
{
    Null = 0,
    False = 1,
    True = 2,
    Int32 = 3,
    Int64 = 4,
    Double = 5,
    String = 6,
    Bytes = 7,
    List = 8,
    Tuple = 9,
    Dict = 10,
    Int32Array = 11,
    Int64Array = 12,
    DoubleArray = 13,

    /// <summary>An engine resource handed to a child at start (Sharing/Inheritance.cs): a kind name and a state
    /// value. Only valid inside a bootstrap, and only for the registered kinds.</summary>
    Inherited = 14,
}
