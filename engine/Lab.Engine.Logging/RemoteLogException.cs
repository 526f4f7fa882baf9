namespace Lab.Engine.Logging;

/// <summary>An exception a child logged, as text: its type is a name only (never loaded), its <see cref="ToString"/>
/// is the child's full text with the remote stack, which is what a parent's logger prints.</summary>
public sealed class RemoteLogException(string? remoteType, string remoteText) : Exception(FirstLine(remoteText))
{
    public string? RemoteType { get; } = remoteType;

    public string RemoteText { get; } = remoteText;

    public override string ToString() => RemoteText;

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
