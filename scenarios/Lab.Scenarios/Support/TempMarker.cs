namespace Lab.Scenarios.Support;

/// <summary>A file path a child may create (a finally block's trace); the directory is removed afterwards.</summary>
public sealed class TempMarker : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lab-marker-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "marker");

    public bool Exists => File.Exists(Path);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
