using System.Security.Cryptography;
using System.Text;

namespace Lab.Results.Nightly;

/// <summary>
/// What makes two measurements comparable: one benchmark with one set of params, on one subject (and version) and start
/// method, on one host, OS, OS image and .NET runtime. The runs of a series differ only in time and in the commit they
/// measured, which is why the commit is not part of the key: it is what a change is traced to. Every place that groups
/// rows into series goes through this type. Params are held in <see cref="RowParams"/>' canonical JSON form, so a row read
/// from a file written before params were JSON (<c>n=20;warmup=3</c>) is in the same series as a new row with the same params.
/// </summary>
/// <param name="Image">The OS image of a container run; "" outside containers, and in rows that predate the column.</param>
public sealed record SeriesKey(
    string Host,
    string Os,
    string Image,
    string Runtime,
    string Subject,
    string SubjectVersion,
    string StartMethod,
    string Benchmark,
    string Params,
    string Unit)
{
    public static SeriesKey Of(SampleRow row) =>
        new(row.Host, row.Os, row.Image, row.Runtime, row.Subject, row.SubjectVersion, row.StartMethod, row.Benchmark, RowParams.Normalize(row.Params), row.Unit);

    /// <summary>Bench rows have no image column yet (the container matrix adds one): their image is "".</summary>
    public static SeriesKey Of(BenchRow row) =>
        new(row.Host, row.Os, "", row.Runtime, row.Subject, row.SubjectVersion, row.StartMethod, row.Benchmark, RowParams.Normalize(row.Params), row.Unit);

    /// <summary>What a reader looks for first: <c>start-latency engine/spawn (n=100, warmup=5)</c>.</summary>
    public string Label => $"{Benchmark} {Subject}/{StartMethod}" + (Params.Length > 0 ? $" ({RowParams.Display(Params)})" : "");

    /// <summary>Where it ran: host, OS (and image), runtime, subject version.</summary>
    public string Where => string.Join(" · ", new[] { Host, Os, Image, Runtime, $"{Subject} {SubjectVersion}".Trim() }.Where(s => s.Length > 0));

    /// <summary>A stable HTML id for the series' chart: a hash of the whole key (params and hosts hold any text).</summary>
    public string AnchorId
    {
        get
        {
            var text = string.Join('\u001f', Host, Os, Image, Runtime, Subject, SubjectVersion, StartMethod, Benchmark, Params, Unit);
            return "series-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        }
    }

    /// <summary>The value of one key of <see cref="Params"/> (<see cref="RowParams.Get"/>), or null.</summary>
    public string? Param(string key) => RowParams.Get(Params, key);
}
