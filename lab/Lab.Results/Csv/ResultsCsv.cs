using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;
using Lab.Results.Csv;

namespace Lab.Results;

/// <summary>
/// Reads and writes the lab's two CSV files (DESIGN.md, "Results and reports"): invariant culture,
/// one header, fixed column order, UTF-8 without BOM, "\n" line ends so that a file is byte-identical
/// whichever OS wrote it. Fields are written verbatim (no spreadsheet-formula escaping) so a round
/// trip is exact.
/// </summary>
public static class ResultsCsv
{
    public const string ConformancePattern = "conformance-*.csv";
    public const string BenchPattern = "bench-*.csv";

    /// <summary>Rows of `lab explore` (Lab.Systematic): the bench columns, subject "systematic".</summary>
    public const string SystematicPattern = "systematic-*.csv";

    /// <summary>The conformance columns in file order.</summary>
    public static IReadOnlyList<string> ConformanceColumns { get; } = ColumnsOf(new ConformanceRowMap());

    /// <summary>The bench columns in file order.</summary>
    public static IReadOnlyList<string> BenchColumns { get; } = ColumnsOf(new BenchRowMap());

    /// <summary>The file name a run's conformance rows go to; matches <see cref="ConformancePattern"/>.</summary>
    public static string ConformanceFileName(string runId) => $"conformance-{runId}.csv";

    /// <summary>The file name a run's bench rows go to; matches <see cref="BenchPattern"/>.</summary>
    public static string BenchFileName(string runId) => $"bench-{runId}.csv";

    /// <summary>Writes the header and the rows, replacing <paramref name="path"/> atomically; creates its directory.</summary>
    public static void Write(string path, IEnumerable<ConformanceRow> rows) => Write<ConformanceRow, ConformanceRowMap>(path, rows);

    /// <inheritdoc cref="Write(string, IEnumerable{ConformanceRow})"/>
    public static void Write(string path, IEnumerable<BenchRow> rows) => Write<BenchRow, BenchRowMap>(path, rows);

    /// <summary>Reads one conformance file.</summary>
    /// <exception cref="InvalidDataException">The file's header lacks a column, or a field does not parse; the message names file and column.</exception>
    public static IReadOnlyList<ConformanceRow> ReadConformance(string path) => Read<ConformanceRow, ConformanceRowMap>(path);

    /// <summary>Reads one bench file.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="ReadConformance"/>.</exception>
    public static IReadOnlyList<BenchRow> ReadBench(string path) => Read<BenchRow, BenchRowMap>(path);

    /// <summary>Reads every <c>conformance-*.csv</c> directly in <paramref name="resultsDir"/>, in file-name order; none (or no directory) gives an empty list.</summary>
    public static IReadOnlyList<ConformanceRow> ReadAllConformance(string resultsDir) =>
        FilesIn(resultsDir, ConformancePattern).SelectMany(ReadConformance).ToList();

    /// <summary>Reads every <c>bench-*.csv</c> directly in <paramref name="resultsDir"/>, in file-name order; none (or no directory) gives an empty list.</summary>
    public static IReadOnlyList<BenchRow> ReadAllBench(string resultsDir) =>
        FilesIn(resultsDir, BenchPattern).SelectMany(ReadBench).ToList();

    /// <summary>Every row of every <c>systematic-*.csv</c> (bench columns).</summary>
    public static IReadOnlyList<BenchRow> ReadAllSystematic(string resultsDir) =>
        FilesIn(resultsDir, SystematicPattern).SelectMany(ReadBench).ToList();

    /// <summary>The files <see cref="ReadAllConformance"/> or <see cref="ReadAllBench"/> would read, sorted ordinally so reports are deterministic.</summary>
    public static IReadOnlyList<string> FilesIn(string resultsDir, string pattern)
    {
        if (!Directory.Exists(resultsDir))
            return [];
        var files = Directory.GetFiles(resultsDir, pattern, SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    internal static void Write<TRow, TMap>(string path, IEnumerable<TRow> rows)
        where TMap : ClassMap<TRow>
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
            using var csv = new CsvWriter(text, Configuration(path));
            csv.Context.RegisterClassMap<TMap>();
            // WriteRecords writes no header for an empty sequence; an empty run still gets one.
            csv.WriteHeader<TRow>();
            csv.NextRecord();
            foreach (var row in rows)
            {
                csv.WriteRecord(row);
                csv.NextRecord();
            }
        });
    }

    internal static List<TRow> Read<TRow, TMap>(string path)
        where TMap : ClassMap<TRow>
    {
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(text, Configuration(path));
        csv.Context.RegisterClassMap<TMap>();
        if (!csv.Read())
            throw new InvalidDataException($"{path}: the file is empty; expected the header line \"{string.Join(',', ColumnsOf(csv.Context.Maps[typeof(TRow)]!))}\".");
        csv.ReadHeader();
        csv.ValidateHeader<TRow>();

        var rows = new List<TRow>();
        while (csv.Read())
        {
            try
            {
                rows.Add(csv.GetRecord<TRow>());
            }
            catch (CsvHelperException e) when (e.InnerException is InvalidDataException clear)
            {
                // CsvHelper wraps what the configuration callbacks below throw; their message is the useful one.
                throw new InvalidDataException(clear.Message, e);
            }
            catch (TypeConverterException e)
            {
                var column = e.MemberMapData?.Names.FirstOrDefault() ?? "?";
                var type = e.MemberMapData?.Type?.Name ?? "value";
                throw new InvalidDataException(
                    $"{path}, line {csv.Parser.RawRow}: column '{column}' holds \"{e.Text}\", which is not a valid {type}.", e);
            }
        }
        return rows;
    }

    private static CsvConfiguration Configuration(string path) => new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        HeaderValidated = args =>
        {
            if (args.InvalidHeaders.Length == 0)
                return;
            var missing = string.Join(", ", args.InvalidHeaders.Select(h => $"'{string.Join("' or '", h.Names)}'"));
            var found = string.Join(',', args.Context.Reader?.HeaderRecord ?? []);
            throw new InvalidDataException(
                $"{path}: missing column {missing}. The header is \"{found}\"; see lab/Lab.Results/README.md for the expected columns.");
        },
        MissingFieldFound = args =>
        {
            var header = args.Context.Reader?.HeaderRecord;
            var column = args.HeaderNames is { Length: > 0 } names ? names[0]
                : header is not null && args.Index < header.Length ? header[args.Index]
                : $"#{args.Index + 1}";
            throw new InvalidDataException(
                $"{path}, line {args.Context.Parser?.RawRow}: the row has no field for column '{column}'.");
        },
        BadDataFound = args =>
            throw new InvalidDataException(
                $"{path}, line {args.Context.Parser?.RawRow}: malformed field {args.Field} (a stray quote?)."),
    };

    private static IReadOnlyList<string> ColumnsOf(ClassMap map) =>
        map.MemberMaps.OrderBy(m => m.Data.Index).Select(m => m.Data.Names[0]).ToArray();
}
