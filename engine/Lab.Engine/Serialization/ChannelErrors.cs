namespace Lab.Engine.Serialization;

/// <summary>A value cannot cross the process boundary: the analogue of pickle.PicklingError. Raised in the
/// sending process before anything is sent, so nothing is half-written and no child is started.</summary>
public sealed class SerializationError(string message) : Exception(message);

/// <summary>The bytes received are not a well-formed frame or value (truncated, oversized, unknown tag,
/// trailing garbage). The stream it came from cannot be trusted afterwards.</summary>
public sealed class ChannelFormatError(string message) : IOException(message);
