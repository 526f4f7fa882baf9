using System.Security.Cryptography;
using System.Text;

namespace Lab.Matrix.Images;

/// <summary>
/// How one OS image is made: `debootstrap --variant=minbase` of a Debian suite with the packages the lab needs, imported
/// with `docker import` (no registry here). The image is named by the content hash of <see cref="Text"/> and reused
/// while the recipe is unchanged; the apt mirror is where the packages come from, not what the image is, so it is not
/// part of the hash. A suite's packages move on (sid daily): `lab images remove SUITE` forces a rebuild.
/// </summary>
public sealed record ImageRecipe(string Suite, string PythonSeries, IReadOnlyList<string> Packages)
{
    /// <summary>Bumped whenever the build steps (<see cref="ImageBuilder"/>) change what an image contains.</summary>
    public const int Format = 1;

    public const string Variant = "minbase";

    /// <summary>The canonical text the hash is taken of: format, suite, variant and the sorted package list.</summary>
    public string Text =>
        $"lab os image recipe, format {Format}\nsuite={Suite}\nvariant={Variant}\npackages={string.Join(',', Packages.Order(StringComparer.Ordinal))}\n";

    /// <summary>The first 12 hex digits of SHA-256 over <see cref="Text"/> (48 bits: no collision among a handful of recipes).</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..12];

    public string Repository => "lab-os/" + Suite;

    /// <summary>The image reference in an engine, e.g. <c>lab-os/bookworm:3f2a9c1b7d0e</c>.</summary>
    public string Reference => $"{Repository}:{Hash}";

    /// <summary>The rows' <c>image</c> column: suite and recipe hash, e.g. <c>bookworm@3f2a9c1b7d0e</c>.</summary>
    public string Label => $"{Suite}@{Hash}";
}

/// <summary>The four Debian suites of the matrix and what each is for.</summary>
public static class Suites
{
    /// <summary>What every image holds besides minbase: the cpython subject (python3: interpreter and full standard
    /// library, whose multiprocessing is under test) and procps (ps and pgrep, to look at leftover processes inside a
    /// cell). The engine is the self-contained lab itself: it needs only libc, libstdc++ and zlib, which minbase has,
    /// and no ICU (the lab runs with InvariantGlobalization).</summary>
    public static readonly IReadOnlyList<string> Packages = ["python3", "procps"];

    /// <summary>Oldest first: bullseye (Python 3.9), bookworm (3.11), trixie (3.13), sid (3.14).</summary>
    public static readonly IReadOnlyList<ImageRecipe> All =
    [
        new("bullseye", "3.9", Packages),
        new("bookworm", "3.11", Packages),
        new("trixie", "3.13", Packages),
        new("sid", "3.14", Packages),
    ];

    /// <summary>The recipes of a comma list of suites (or all of them for null or empty).</summary>
    /// <exception cref="FormatException">An unknown suite; the message lists the known ones.</exception>
    public static IReadOnlyList<ImageRecipe> Select(IEnumerable<string>? names)
    {
        var wanted = (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        if (wanted.Count == 0) return All;
        var unknown = wanted.Where(w => All.All(r => r.Suite != w)).ToList();
        if (unknown.Count > 0)
            throw new FormatException($"unknown image '{string.Join("', '", unknown)}': expected {string.Join(", ", All.Select(r => r.Suite))}");
        return All.Where(r => wanted.Contains(r.Suite)).ToList();
    }
}
