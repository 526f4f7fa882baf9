using System.Globalization;
using System.Text;
using CsvHelper;
using Lab.Results.Csv;

namespace Lab.Results;

/// <summary>
/// Reads and writes the lab's CSV files (DESIGN.md, "Results and reports"): invariant culture,
/// one header, fixed column order, UTF-8 without BOM, "\n" line ends so that a file is byte-identical
/// whichever OS wrote it. Fields are written verbatim (no spreadsheet-formula escaping) so a round
/// trip is exact.
/// </summary>
public static class ResultsCsv
{
    // Declared before the column lists below, whose initializers use them (static fields initialize in text order).
    // Comma-separated and RFC 4180 quoting; "\n" line ends so that a file is byte-identical whichever OS wrote it. Quoting
    // errors and short rows are errors, not silently repaired records.
    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        FormatProvider = CultureInfo.InvariantCulture,
        MalformedData = CsvMalformedDataHandling.Throw,
        MissingField = CsvMissingFieldHandling.Throw,
    };

    public const string ConformancePattern = "conformance-*.csv";
    public const string BenchPattern = "bench-*.csv";

    /// <summary>Rows of `lab explore` (Lab.Systematic): the bench columns, subject "systematic".</summary>
    public const string SystematicPattern = "systematic-*.csv";

    /// <summary>The raw samples behind a run's bench rows (<see cref="SampleRow"/>); not matched by <see cref="BenchPattern"/>.</summary>
    public const string SamplesPattern = "samples-*.csv";

    /// <summary>`lab compare`'s verdicts (<see cref="CompareRow"/>).</summary>
    public const string ComparePattern = "compare-*.csv";

    /// <summary>`lab bench --calibrate`'s rates (<see cref="CalibrationRow"/>).</summary>
    public const string CalibrationPattern = "calibration-*.csv";

    /// <summary>The conformance columns in file order.</summary>
    public static IReadOnlyList<string> ConformanceColumns { get; } = ColumnsOf<ConformanceRow>();

    /// <summary>The bench columns in file order.</summary>
    public static IReadOnlyList<string> BenchColumns { get; } = ColumnsOf<BenchRow>();

    /// <summary>The samples columns in file order.</summary>
    public static IReadOnlyList<string> SampleColumns { get; } = ColumnsOf<SampleRow>();

    /// <summary>The compare columns in file order.</summary>
    public static IReadOnlyList<string> CompareColumns { get; } = ColumnsOf<CompareRow>();

    /// <summary>The calibration columns in file order.</summary>
    public static IReadOnlyList<string> CalibrationColumns { get; } = ColumnsOf<CalibrationRow>();

    /// <summary>The file name a run's conformance rows go to; matches <see cref="ConformancePattern"/>.</summary>
    public static string ConformanceFileName(string runId) => $"conformance-{runId}.csv";

    /// <summary>The file name a run's bench rows go to; matches <see cref="BenchPattern"/>.</summary>
    public static string BenchFileName(string runId) => $"bench-{runId}.csv";

    /// <summary>The file name a run's raw samples go to; matches <see cref="SamplesPattern"/>.</summary>
    public static string SamplesFileName(string runId) => $"samples-{runId}.csv";

    public static string CompareFileName(string runId) => $"compare-{runId}.csv";

    public static string CalibrationFileName(string runId) => $"calibration-{runId}.csv";

    /// <summary>Writes the header and the rows, replacing <paramref name="path"/> atomically; creates its directory.</summary>
    public static void Write(string path, IEnumerable<ConformanceRow> rows) => WriteRows(path, rows);

    /// <inheritdoc cref="Write(string, IEnumerable{ConformanceRow})"/>
    public static void Write(string path, IEnumerable<BenchRow> rows) => WriteRows(path, rows);

    /// <inheritdoc cref="Write(string, IEnumerable{ConformanceRow})"/>
    public static void Write(string path, IEnumerable<SampleRow> rows) => WriteRows(path, rows);

    /// <inheritdoc cref="Write(string, IEnumerable{ConformanceRow})"/>
    public static void Write(string path, IEnumerable<CompareRow> rows) => WriteRows(path, rows);

    /// <inheritdoc cref="Write(string, IEnumerable{ConformanceRow})"/>
    public static void Write(string path, IEnumerable<CalibrationRow> rows) => WriteRows(path, rows);

    /// <summary>Reads one conformance file.</summary>
    /// <exception cref="InvalidDataException">The file's header lacks a column, or a field does not parse; the message names file and column.</exception>
    public static IReadOnlyList<ConformanceRow> ReadConformance(string path) => Read<ConformanceRow>(path);

    /// <summary>Reads one bench file.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="ReadConformance"/>.</exception>
    public static IReadOnlyList<BenchRow> ReadBench(string path) => Read<BenchRow>(path);

    /// <summary>Reads one samples file.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="ReadConformance"/>.</exception>
    public static IReadOnlyList<SampleRow> ReadSamples(string path) => Read<SampleRow>(path);

    /// <summary>Every row of every <c>samples-*.csv</c> directly in <paramref name="resultsDir"/>, in file-name order.</summary>
    public static IReadOnlyList<SampleRow> ReadAllSamples(string resultsDir) =>
        FilesIn(resultsDir, SamplesPattern).SelectMany(ReadSamples).ToList();

    public static IReadOnlyList<CompareRow> ReadCompare(string path) => Read<CompareRow>(path);

    /// <summary>Every row of every <c>calibration-*.csv</c> directly in <paramref name="resultsDir"/>.</summary>
    public static IReadOnlyList<CalibrationRow> ReadAllCalibration(string resultsDir) =>
        FilesIn(resultsDir, CalibrationPattern).SelectMany(ReadCalibration).ToList();

    public static IReadOnlyList<CalibrationRow> ReadCalibration(string path) => Read<CalibrationRow>(path);

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

    internal static void WriteRows<TRow>(string path, IEnumerable<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, WriterOptions, leaveOpen: true);
            // WriteRecords writes the header only before a first record; an empty run still gets one.
            csv.WriteHeader<TRow>();
            csv.WriteRecords(rows);
        });
    }

    internal static List<TRow> Read<TRow>(string path)
    {
        using var csv = CsvReader.FromFile(path, ReaderOptions);
        try
        {
            if (csv.Headers.Count == 0)
                throw new InvalidDataException($"{path}: the file is empty; expected the header line \"{string.Join(',', ColumnsOf<TRow>())}\".");
            if (!csv.TryValidateHeader<TRow>(out var missing))
            {
                // CsvHelper names each missing column as Member ('column'); the column is what a reader of the file knows.
                var columns = string.Join(", ", missing.Select(m => m[(m.IndexOf('(') + 1)..].TrimEnd(')')));
                throw new InvalidDataException(
                    $"{path}: missing column {columns}. The header is \"{string.Join(',', csv.Headers)}\"; see lab/Lab.Results/README.md for the expected columns.");
            }
            var rows = new List<TRow>();
            while (csv.Read())
                rows.Add(ReadRecord<TRow>(csv, path));
            return rows;
        }
        catch (CsvFormatException e) when (e.FieldIndex < 0)
        {
            throw new InvalidDataException($"{path}, line {e.RecordNumber}: malformed CSV ({e.Message}).", e);
        }
    }

    private static TRow ReadRecord<TRow>(CsvReader csv, string path)
    {
        try
        {
            return csv.GetRecord<TRow>();
        }
        catch (CsvFormatException e) when (e.FieldIndex >= 0)
        {
            var column = e.FieldIndex < csv.Headers.Count ? csv.Headers[e.FieldIndex] : $"#{e.FieldIndex + 1}";
            if (e.FieldIndex >= csv.FieldCount)
                throw new InvalidDataException($"{path}, line {e.RecordNumber}: the row has no field for column '{column}'.", e);
            throw new InvalidDataException(
                $"{path}, line {e.RecordNumber}: column '{column}' holds \"{csv.GetString(e.FieldIndex)}\", which is not valid ({e.InnerException?.Message ?? e.Message}).", e);
        }
    }

    /// <summary>The header <see cref="WriteRows{TRow}"/> writes for <typeparamref name="TRow"/>, as column names.</summary>
    private static IReadOnlyList<string> ColumnsOf<TRow>()
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, WriterOptions, leaveOpen: true))
            csv.WriteHeader<TRow>();
        return Encoding.UTF8.GetString(buffer.ToArray()).TrimEnd('\n').Split(',');
    }
}
