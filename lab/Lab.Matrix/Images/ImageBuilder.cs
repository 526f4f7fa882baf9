using System.Diagnostics;
using System.Text.Json;
using Lab.Matrix.Host;

namespace Lab.Matrix.Images;

/// <summary>A built root file system, ready for `docker import`: a gzip'd tarball in the image cache and the python3
/// version found inside it.</summary>
public sealed record RootfsTarball(ImageRecipe Recipe, string Path, string PythonVersion);

/// <summary>
/// Builds an image's root file system with debootstrap (issue #11 §2): `debootstrap --variant=minbase
/// --include=PACKAGES SUITE DIR MIRROR` (about a minute per suite here, mostly downloads and unpacking), reads the
/// python3 version inside with chroot, and packs the tree as a tarball (`tar --numeric-owner`, gzip -1) in the cache
/// folder, where it stays for imports into other engines and later runs. A failed build names the suite, the step and
/// the tail of its output; the full log is images/SUITE-HASH.log.
/// </summary>
public static class ImageBuilder
{
    public static string TarballPath(string cacheDir, ImageRecipe recipe) => Path.Combine(cacheDir, $"{recipe.Suite}-{recipe.Hash}.tar.gz");

    private static string MetadataPath(string cacheDir, ImageRecipe recipe) => Path.Combine(cacheDir, $"{recipe.Suite}-{recipe.Hash}.json");

    /// <summary>The cached tarball of <paramref name="recipe"/>, if a complete one is there.</summary>
    public static RootfsTarball? Cached(string cacheDir, ImageRecipe recipe)
    {
        var tarball = TarballPath(cacheDir, recipe);
        var metadata = MetadataPath(cacheDir, recipe);
        if (!File.Exists(tarball) || !File.Exists(metadata)) return null;
        try
        {
            var python = JsonDocument.Parse(File.ReadAllText(metadata)).RootElement.GetProperty("python").GetString();
            return python is null ? null : new RootfsTarball(recipe, tarball, python);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IOException)
        {
            return null;
        }
    }

    /// <exception cref="ImageBuildException">A step failed; the message names the suite and the step.</exception>
    public static async Task<RootfsTarball> BuildAsync(ImageRecipe recipe, string mirror, string cacheDir, Action<string> progress, CancellationToken cancel)
    {
        Directory.CreateDirectory(cacheDir);
        var log = Path.Combine(cacheDir, $"{recipe.Suite}-{recipe.Hash}.log");
        File.WriteAllText(log, $"{recipe.Text}mirror={mirror}\n");
        await AptPackages.EnsureAsync(new Dictionary<string, string> { ["debootstrap"] = "debootstrap" }, log, progress, cancel);
        var rootfs = Path.Combine(cacheDir, $"rootfs-{recipe.Suite}-{recipe.Hash}");
        DeleteTree(rootfs);
        var clock = Stopwatch.StartNew();
        try
        {
            progress($"debootstrap {recipe.Suite} from {mirror}");
            var packagesCache = Path.Combine(Path.GetFullPath(cacheDir), "debs", recipe.Suite);
            Directory.CreateDirectory(packagesCache);
            var stages = new HashSet<string>(StringComparer.Ordinal);
            var bootstrap = await ExternalCommand.RunAsync("debootstrap",
                [$"--variant={ImageRecipe.Variant}", $"--include={string.Join(',', recipe.Packages)}", $"--cache-dir={packagesCache}", recipe.Suite, rootfs, mirror],
                log, TimeSpan.FromMinutes(30), cancel, onLine: line =>
                {
                    // debootstrap's info lines ("I: Retrieving libc6 2.36", "I: Extracting libc6...", "I: Configuring python3...")
                    // are hundreds, one per package and stage: report the first of each stage.
                    if (!line.StartsWith("I: ", StringComparison.Ordinal) || !stages.Add(line[3..].Split(' ')[0])) return;
                    progress($"{recipe.Suite}: {line[3..]}");
                });
            if (!bootstrap.Succeeded)
                throw new ImageBuildException(recipe, "debootstrap", bootstrap, log);

            var probe = await ExternalCommand.RunAsync("chroot", [rootfs, "python3", "-c", "import platform; print(platform.python_version())"],
                log, TimeSpan.FromMinutes(1), cancel);
            var python = probe.OutputTail.Split('\n').LastOrDefault(l => l.Length > 0 && char.IsAsciiDigit(l[0]))?.Trim();
            if (!probe.Succeeded || python is null)
                throw new ImageBuildException(recipe, "python3 --version inside the new root file system", probe, log);

            // apt's package lists are not needed to run the lab and are the largest part of the tree after the packages.
            DeleteTree(Path.Combine(rootfs, "var/lib/apt/lists"));
            progress($"{recipe.Suite}: packing the root file system (Python {python})");
            var tarball = TarballPath(cacheDir, recipe);
            var partial = tarball + ".partial";
            var pack = await ExternalCommand.RunAsync("tar", ["--numeric-owner", "-I", "gzip -1", "-C", rootfs, "-cf", partial, "."],
                log, TimeSpan.FromMinutes(10), cancel);
            if (!pack.Succeeded)
            {
                File.Delete(partial);
                throw new ImageBuildException(recipe, "tar", pack, log);
            }
            File.Move(partial, tarball, overwrite: true);
            File.WriteAllText(MetadataPath(cacheDir, recipe), JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["suite"] = recipe.Suite, ["hash"] = recipe.Hash, ["python"] = python, ["mirror"] = mirror,
                ["built_utc"] = DateTimeOffset.UtcNow.ToString("O"), ["seconds"] = clock.Elapsed.TotalSeconds.ToString("0"),
            }));
            progress($"{recipe.Suite}: built in {clock.Elapsed.TotalSeconds:0} s ({new FileInfo(tarball).Length / (1024 * 1024)} MiB packed)");
            return new RootfsTarball(recipe, tarball, python);
        }
        finally
        {
            DeleteTree(rootfs);
        }
    }

    /// <summary>Removes a cached tarball and its metadata and log; true if there was one.</summary>
    public static bool Remove(string cacheDir, ImageRecipe recipe)
    {
        var found = File.Exists(TarballPath(cacheDir, recipe));
        foreach (var f in new[] { TarballPath(cacheDir, recipe), MetadataPath(cacheDir, recipe), Path.Combine(cacheDir, $"{recipe.Suite}-{recipe.Hash}.log") })
            File.Delete(f);
        return found;
    }

    private static void DeleteTree(string path)
    {
        // A debootstrap killed half-way may leave /proc or /sys mounted inside the tree: never follow into them.
        if (!Directory.Exists(path)) return;
        foreach (var mount in new[] { "proc", "sys", "dev/pts" })
        {
            var mounted = Path.Combine(path, mount);
            if (File.ReadAllText("/proc/self/mounts").Contains(" " + Path.GetFullPath(mounted) + " ", StringComparison.Ordinal))
                ExternalCommand.RunAsync("umount", ["-l", mounted], null, TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
        }
        Directory.Delete(path, recursive: true);
    }
}

/// <summary>An image build failed: which suite, which step, why (the command's exit and the tail of its output).</summary>
public sealed class ImageBuildException(ImageRecipe recipe, string step, CommandResult result, string log)
    : Exception($"building the {recipe.Suite} image failed at {step} ({(result.ExitCode is { } c ? $"exit code {c}" : "timed out")}): " +
                $"{string.Join(" | ", result.OutputTail.Split('\n').Where(l => l.Length > 0).TakeLast(4))} (full log: {log})")
{
    public ImageRecipe Recipe => recipe;
}
