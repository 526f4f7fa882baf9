using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>
/// Writes instants as UTC in the ISO-8601 round-trip form ("O", e.g. 2026-11-22T01:46:10.1234567+00:00)
/// so that files from hosts in different time zones sort and compare as text.
/// </summary>
internal sealed class UtcConverter : ICsvConverter<DateTimeOffset>
{
    // Lenient on input (any ISO-8601 offset), strict on output: a hand-edited baseline still reads.
    public DateTimeOffset Read(CsvReader reader, int index) => reader.Parse<DateTimeOffset>(index).ToUniversalTime();

    public void Write(CsvWriter writer, DateTimeOffset value) => writer.WriteField(value.ToUniversalTime(), "O");
}
