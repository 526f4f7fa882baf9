using System.Security.Cryptography;
using System.Text;

namespace Lab.Results;

/// <summary>HTML ids of the page's details, which the changes section at the top links to. Row values hold any text, so
/// an id is a hash of them (series: <see cref="Nightly.SeriesKey.AnchorId"/>).</summary>
internal static class ReportAnchors
{
    public static string Failure(ConformanceRow r) => "failure-" + Hash(r.Scenario, r.Subject, r.StartMethod, r.Params, r.Seed ?? "");

    public static string Divergence(string scenario) => "divergence-" + Hash(scenario);

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))))[..12];
}
