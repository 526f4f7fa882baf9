using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>
/// The <c>params</c> column of every row map: reads the field through <see cref="RowParams.Normalize"/>, so rows in memory
/// always hold the canonical JSON form, also those of files written before params were JSON (<c>n=20;warmup=3</c>); writes
/// the canonical form. A malformed field fails the read with a message that names it.
/// </summary>
internal sealed class ParamsConverter : ICsvConverter<string>
{
    public string Read(CsvReader reader, int index) => RowParams.Normalize(reader.GetString(index));

    public void Write(CsvWriter writer, string value) => writer.WriteField(RowParams.Normalize(value));
}
