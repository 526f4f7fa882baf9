namespace Lab.Matrix.Docker;

/// <summary>
/// Labels on everything the lab creates in an engine (issue #11 §1). Testcontainers' resource reaper (Ryuk) needs an
/// image from a registry, and there is none here: it is off, and the lab removes what it created by these labels.
/// </summary>
public static class LabLabels
{
    /// <summary>The matrix run that created the container or image.</summary>
    public const string Run = "lab.run";

    /// <summary>The content hash of the image recipe (on images and on the containers made from them).</summary>
    public const string ImageRecipe = "lab.image-recipe";

    /// <summary>The Debian suite of an image.</summary>
    public const string Suite = "lab.suite";

    /// <summary>The python3 version inside an image, read from the root file system when it was built.</summary>
    public const string Python = "lab.python";

    /// <summary>host/pid/start-ticks of the lab process that created a container (<see cref="Host.OwnerProcess"/>).</summary>
    public const string Owner = "lab.owner";

    /// <summary>A label's value from Docker.DotNet's label map (which may be null), or <paramref name="fallback"/>.</summary>
    public static string Get(IDictionary<string, string>? labels, string key, string fallback = "") =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : fallback;
}
