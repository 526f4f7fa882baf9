using Docker.DotNet;
using Docker.DotNet.Models;
using Lab.Matrix.Docker;

namespace Lab.Matrix.Images;

/// <summary>An OS image present in an engine.</summary>
public sealed record EngineImage(LabDockerEndpoint Engine, string Id, string Reference, string Suite, string RecipeHash, string Python, long SizeBytes, DateTimeOffset Created)
{
    public bool IsCurrent => Suites.All.Any(r => r.Suite == Suite && r.Hash == RecipeHash);
}

/// <summary>
/// The OS images of the matrix in one or more engines: present ones are reused by recipe hash; a missing one is imported
/// from the cached root file system tarball, which is built first if the cache lacks it (once per recipe, whatever the
/// number of engines). Docker.DotNet (Testcontainers' own client) does what Testcontainers has no call for: `docker
/// import` (POST /images/create?fromSrc=-), listing and removing images by label.
/// </summary>
public sealed class ImageStore(string cacheDir, string mirror, string runId)
{
    private readonly Dictionary<string, Task<RootfsTarball>> _builds = new();
    private readonly object _gate = new();

    public string CacheDir => cacheDir;

    /// <summary>Makes <paramref name="recipe"/>'s image present in <paramref name="engine"/>; returns the Python version in it.</summary>
    /// <exception cref="ImageBuildException">The image had to be built and the build failed.</exception>
    public async Task<string> EnsureAsync(ImageRecipe recipe, LabDockerEndpoint engine, Action<string> progress, CancellationToken cancel)
    {
        using var client = engine.CreateClient();
        var present = await FindAsync(client, recipe, cancel);
        if (present is not null)
        {
            progress($"{recipe.Suite}: image {recipe.Reference} present in {engine} (Python {present}), reused");
            return present;
        }
        var tarball = await TarballAsync(recipe, progress, cancel);
        progress($"{recipe.Suite}: importing {recipe.Reference} into {engine}");
        await using (var stream = File.OpenRead(tarball.Path))
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters
            {
                FromSrc = "-",
                Repo = recipe.Repository,
                Tag = recipe.Hash,
                // An imported image has no command and no labels of its own (docker import --change).
                Changes =
                [
                    $"LABEL {LabLabels.ImageRecipe}={recipe.Hash} {LabLabels.Suite}={recipe.Suite} {LabLabels.Python}={tarball.PythonVersion} {LabLabels.Run}={runId}",
                    "CMD [\"/bin/sh\"]",
                ],
            }, stream, null, new Progress<JSONMessage>(), cancel);
        }
        return await FindAsync(client, recipe, cancel)
               ?? throw new InvalidOperationException($"the import of {recipe.Reference} into {engine} reported no error, but the image is not there");
    }

    /// <summary>The cached tarball, or a build of it (one per recipe at a time, shared by every engine that needs it).</summary>
    public Task<RootfsTarball> TarballAsync(ImageRecipe recipe, Action<string> progress, CancellationToken cancel)
    {
        lock (_gate)
        {
            if (_builds.TryGetValue(recipe.Hash, out var running) && !running.IsFaulted && !running.IsCanceled) return running;
            var build = ImageBuilder.Cached(cacheDir, recipe) is { } cached
                ? Task.FromResult(cached)
                : ImageBuilder.BuildAsync(recipe, mirror, cacheDir, progress, cancel);
            _builds[recipe.Hash] = build;
            return build;
        }
    }

    /// <summary>Every lab image in an engine.</summary>
    public static async Task<IReadOnlyList<EngineImage>> ListAsync(LabDockerEndpoint engine, CancellationToken cancel)
    {
        using var client = engine.CreateClient();
        var images = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [LabLabels.ImageRecipe] = true } },
        }, cancel);
        return images.Select(i => new EngineImage(engine, i.ID, i.RepoTags?.FirstOrDefault() ?? i.ID,
                LabLabels.Get(i.Labels, LabLabels.Suite, "?"), LabLabels.Get(i.Labels, LabLabels.ImageRecipe, "?"),
                LabLabels.Get(i.Labels, LabLabels.Python, "?"), i.Size, new DateTimeOffset(i.Created, TimeSpan.Zero)))
            .OrderBy(i => Suites.All.ToList().FindIndex(r => r.Suite == i.Suite)).ThenBy(i => i.Created)
            .ToList();
    }

    /// <summary>Removes one image from its engine (with its tags; refused while a container uses it).</summary>
    public static async Task RemoveAsync(EngineImage image, CancellationToken cancel)
    {
        using var client = image.Engine.CreateClient();
        await client.Images.DeleteImageAsync(image.Id, new ImageDeleteParameters { Force = true, NoPrune = false }, cancel);
    }

    private static async Task<string?> FindAsync(DockerClient client, ImageRecipe recipe, CancellationToken cancel)
    {
        try
        {
            var image = await client.Images.InspectImageAsync(recipe.Reference, cancel);
            return LabLabels.Get(image.Config?.Labels, LabLabels.Python, "?");
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}
