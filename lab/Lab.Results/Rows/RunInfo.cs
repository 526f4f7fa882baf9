using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Lab.Results;

/// <summary>
/// What every row of one run shares: which run, when, and where (DESIGN.md, "Results and reports").
/// </summary>
public sealed record RunInfo(string RunId, DateTimeOffset Utc, string Host, string Os, string Runtime)
{
    /// <summary>Set by the container runs to the image name, so rows say which OS image produced them.</summary>
    public const string OsImageVariable = "LAB_OS_IMAGE";

    /// <summary>The git commit the measured code was built from (the engine assembly's source revision), or "" when it
    /// was not built from a git checkout. Not part of a benchmark series: it is what changes between the runs of one, and
    /// what a regression is traced to.</summary>
    public string Commit { get; init; } = "";

    /// <summary>Set by `lab matrix` in each container to the image's name (suite and recipe hash, e.g.
    /// <c>bookworm@3f2a9c1b7d0e</c>): the <c>image</c> column of every row. Empty on the host.</summary>
    public const string ImageVariable = "LAB_IMAGE";

    /// <summary>The OS image the run ran in (<see cref="ImageVariable"/>); empty outside the matrix.</summary>
    public string Image { get; init; } = "";

    /// <summary>
    /// Describes the current run. The OS label is, first found wins: <paramref name="osImage"/>,
    /// the <c>LAB_OS_IMAGE</c> environment variable, PRETTY_NAME from <c>/etc/os-release</c>
    /// (os-release(5)), then <see cref="RuntimeInformation.OSDescription"/>.
    /// </summary>
    public static RunInfo Create(string? osImage = null)
    {
        var now = DateTimeOffset.UtcNow;
        var os = NonEmpty(osImage)
            ?? NonEmpty(Environment.GetEnvironmentVariable(OsImageVariable))
            ?? OsRelease.ReadPrettyName(OsRelease.DefaultPath)
            ?? RuntimeInformation.OSDescription;
        return new RunInfo(
            NewRunId(now, RandomNumberGenerator.GetHexString(6, lowercase: true)),
            now,
            Environment.MachineName,
            os,
            RuntimeInformation.FrameworkDescription)
        {
            Image = NonEmpty(Environment.GetEnvironmentVariable(ImageVariable)) ?? "",
        };
    }

    /// <summary>
    /// <c>20261122T014610Z-1a2b3c</c>: sorts by start time as plain text, and the random suffix keeps
    /// runs started in the same second (e.g. one per container) apart.
    /// </summary>
    internal static string NewRunId(DateTimeOffset utc, string suffix) =>
        utc.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + suffix;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
