using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace Lab.Results.Csv;

/// <summary>
/// Writes instants as UTC in the ISO-8601 round-trip form ("O", e.g. 2026-11-22T01:46:10.1234567+00:00)
/// so that files from hosts in different time zones sort and compare as text.
/// </summary>
internal sealed class UtcConverter : DefaultTypeConverter
{
    public override string ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) =>
        value is DateTimeOffset instant
            ? instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)
            : base.ConvertToString(value, row, memberMapData) ?? "";

    public override object ConvertFromString(string? text, IReaderRow row, MemberMapData memberMapData)
    {
        // Lenient on input (any ISO-8601 offset), strict on output: a hand-edited baseline still reads.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return instant.ToUniversalTime();
        return base.ConvertFromString(text, row, memberMapData)!;
    }
}
