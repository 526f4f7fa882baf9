using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Lab.Results.Csv;

namespace Lab.Results;

/// <summary>
/// Writes a run's conformance rows as JUnit XML, the format every CI system reads (Jenkins, GitLab, GitHub's test
/// reporters): one <c>testsuite</c> per area, one <c>testcase</c> per scenario case on one subject and start method; a
/// fail is a <c>failure</c>, an error or a hang an <c>error</c>, a skip <c>skipped</c>, each with the command that replays
/// it. The schema followed is the common subset of the JUnit Ant task's and Maven Surefire's (testsuites › testsuite ›
/// testcase with name, classname, time).
/// </summary>
public static class JunitReport
{
    /// <param name="replay">The command that replays a row (house rule 3).</param>
    public static XDocument Build(IReadOnlyList<ConformanceRow> rows, Func<ConformanceRow, string> replay)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(replay);
        var suites = rows.GroupBy(r => r.Area, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(area => Suite(area.Key, area.ToList(), replay)).ToList();
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "lab run" + (rows.Count > 0 ? " " + rows[0].RunId : "")),
                Counts(rows),
                suites));
    }

    /// <summary>Writes <see cref="Build"/> to <paramref name="path"/> atomically (UTF-8 without BOM).</summary>
    public static void Write(string path, IReadOnlyList<ConformanceRow> rows, Func<ConformanceRow, string> replay)
    {
        var document = Build(rows, replay);
        AtomicFile.Write(path, stream =>
        {
            using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
            document.Save(writer);
        });
    }

    private static XElement Suite(string area, List<ConformanceRow> rows, Func<ConformanceRow, string> replay) =>
        new("testsuite",
            new XAttribute("name", area),
            Counts(rows),
            new XAttribute("timestamp", rows.Min(r => r.Utc).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", rows[0].Host),
            rows.Select(r => Case(r, replay)));

    private static XElement Case(ConformanceRow r, Func<ConformanceRow, string> replay)
    {
        // Scenario ids already carry their area (exit-codes.sigkill): the class is the scenario, the case names it again
        // for CI pages that show names alone.
        var name = $"{r.Scenario} [{r.Subject}/{r.StartMethod}]{(r.Params.Length > 0 ? " " + r.Params : "")}";
        var element = new XElement("testcase",
            new XAttribute("name", Clean(name)),
            new XAttribute("classname", Clean(r.Scenario)),
            new XAttribute("time", (r.DurationMs / 1000).ToString("0.###", CultureInfo.InvariantCulture)));
        var body = $"expected: {r.Expected}\nobserved: {r.Observed}\n{(r.Seed is null ? "" : $"seed: {r.Seed}\n")}{(r.Detail.Length > 0 ? r.Detail + "\n" : "")}replay: {replay(r)}";
        switch (r.Outcome)
        {
            case Outcomes.Pass:
                break;
            case Outcomes.Skip:
                element.Add(new XElement("skipped", new XAttribute("message", Clean(r.Detail))));
                break;
            case Outcomes.Fail:
                element.Add(new XElement("failure", new XAttribute("message", Clean($"expected '{r.Expected}', observed '{r.Observed}'")), new XAttribute("type", r.Outcome), Clean(body)));
                break;
            default: // error, hang, and any outcome this build does not know (Outcomes.IsFailure)
                element.Add(new XElement("error", new XAttribute("message", Clean($"{r.Outcome}: {FirstLine(r.Detail)}")), new XAttribute("type", Clean(r.Outcome)), Clean(body)));
                break;
        }
        return element;
    }

    private static IEnumerable<XAttribute> Counts(IReadOnlyCollection<ConformanceRow> rows) =>
    [
        new("tests", rows.Count),
        new("failures", rows.Count(r => r.Outcome == Outcomes.Fail)),
        new("errors", rows.Count(r => Outcomes.IsFailure(r.Outcome) && r.Outcome != Outcomes.Fail)),
        new("skipped", rows.Count(r => r.Outcome == Outcomes.Skip)),
        new("time", (rows.Sum(r => r.DurationMs) / 1000).ToString("0.###", CultureInfo.InvariantCulture)),
    ];

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    // XML 1.0 cannot hold most control characters, which a child's output may contain: they become U+FFFD.
    private static string Clean(string text) =>
        string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'));
}
