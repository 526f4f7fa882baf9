using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lab.Results;

/// <summary>
/// The one form of every <c>params</c> column (conformance, bench, samples, compare, calibration, systematic and cross-OS
/// rows): a compact JSON object, its keys in ordinal order, e.g. <c>{"chunksize":8,"n":20,"warmup":3}</c>; <c>""</c> when
/// a row has no params. Values are numbers, strings and booleans (conformance cases may also hold lists and objects).
/// Every writer builds the text with <see cref="Of(ValueTuple{string, object}[])"/> or <see cref="Merge"/>, every reader
/// goes through <see cref="Get"/>, <see cref="GetInt"/> or <see cref="Display"/>, and the CSV readers put each field
/// through <see cref="Normalize"/> (<see cref="Csv.ParamsConverter"/>), so that two rows with the same params hold the same
/// text: rows compare, group and form series by plain string equality.
/// </summary>
/// <remarks>
/// Files written before the column was JSON hold <c>key=value</c> pairs joined by ';' (<c>n=20;warmup=3;chunksize=8</c>).
/// <see cref="Normalize"/> reads them into the JSON form: a value that is exactly the text of a number (as this type writes
/// numbers: <c>8</c>, <c>0.05</c>, not <c>08</c> or <c>+8</c>) becomes that number, <c>true</c>/<c>false</c> a boolean,
/// anything else a string. So a legacy row and a new row of the same params read equal, as long as the new writer passes
/// numbers as numbers.
/// </remarks>
public static class RowParams
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The params of <paramref name="pairs"/> in their canonical form; <c>""</c> when there are none. A string
    /// value that is exactly the text of a number or boolean (<c>"8"</c>, <c>"true"</c>, as the legacy form is read) is
    /// written as that number or boolean, so that <c>("seeds", "4242")</c> and <c>("seeds", 4242)</c> are one value, as
    /// they were in the legacy form.</summary>
    /// <exception cref="ArgumentException">A key is empty or repeated, or a value is not a number, string, boolean or null
    /// (or is a non-finite number).</exception>
    public static string Of(params (string Key, object? Value)[] pairs) => Of((IEnumerable<(string Key, object? Value)>)pairs);

    /// <inheritdoc cref="Of(ValueTuple{string, object}[])"/>
    public static string Of(IEnumerable<(string Key, object? Value)> pairs)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("a params key is empty", nameof(pairs));
            if (!values.TryAdd(key, Fragment(key, value))) throw new ArgumentException($"the params key '{key}' is given twice", nameof(pairs));
        }
        return Write(values);
    }

    /// <summary>The params of both, <paramref name="second"/>'s value winning where both have a key. Either may be in the
    /// legacy form (see <see cref="Normalize"/>).</summary>
    public static string Merge(string first, string second)
    {
        var values = Parse(first);
        foreach (var (key, value) in Parse(second)) values[key] = value;
        return Write(values);
    }

    /// <summary>
    /// The canonical JSON form of <paramref name="text"/>: a JSON object (any key order, spacing or escaping), the legacy
    /// <c>key=value;key=value</c> form, or empty (→ <c>""</c>; so is <c>{}</c>).
    /// </summary>
    /// <exception cref="FormatException">The text is neither, e.g. a JSON array, invalid JSON, a pair without '=', or a
    /// repeated key; the message names the text.</exception>
    public static string Normalize(string? text) => Write(Parse(text));

    /// <summary>The value of <paramref name="key"/> as text (a string as it is, a number in invariant form, <c>true</c>,
    /// <c>false</c>, a list or object as compact JSON), or null when the params have no such key (or it is JSON null).</summary>
    public static string? Get(string? @params, string key) =>
        Parse(@params).TryGetValue(key, out var fragment) ? Text(fragment) : null;

    /// <summary>The value of <paramref name="key"/> as an integer, or null when it is missing or not an integer.</summary>
    public static int? GetInt(string? @params, string key) =>
        int.TryParse(Get(@params, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The params without <paramref name="key"/> (canonical form).</summary>
    public static string Without(string? @params, string key)
    {
        var values = Parse(@params);
        values.Remove(key);
        return Write(values);
    }

    /// <summary>The keys and values as text (see <see cref="Get"/>), in the canonical order.</summary>
    public static IReadOnlyList<(string Key, string? Value)> Pairs(string? @params) =>
        Parse(@params).Select(kv => (kv.Key, Text(kv.Value))).ToList();

    /// <summary>For chart titles and headings: <c>chunksize=8, n=20, warmup=3</c>; <c>""</c> for no params.</summary>
    public static string Display(string? @params) =>
        string.Join(", ", Pairs(@params).Select(p => $"{p.Key}={p.Value ?? "null"}"));

    private static SortedDictionary<string, string> Parse(string? text)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return values;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{')) ParseJson(text, values);
        else ParseLegacy(text, values);
        return values;
    }

    private static void ParseJson(string text, SortedDictionary<string, string> values)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw Malformed(text, $"invalid JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Malformed(text, "not a JSON object");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Length == 0) throw Malformed(text, "a key is empty");
                if (!values.TryAdd(property.Name, Fragment(property.Value))) throw Malformed(text, $"the key '{property.Name}' appears twice");
            }
        }
    }

    private static void ParseLegacy(string text, SortedDictionary<string, string> values)
    {
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            if (at <= 0) throw Malformed(text, $"'{pair}' is not key=value");
            var key = pair[..at];
            if (!values.TryAdd(key, Fragment(key, LegacyValue(pair[(at + 1)..])))) throw Malformed(text, $"the key '{key}' appears twice");
        }
    }

    /// <summary>A legacy value's type: the number or boolean whose text it exactly is, else the string.</summary>
    private static object LegacyValue(string text)
    {
        if (text is "true") return true;
        if (text is "false") return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            && l.ToString(CultureInfo.InvariantCulture) == text)
            return l;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
            && u.ToString(CultureInfo.InvariantCulture) == text)
            return u;
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && Number(d) == text)
            return d;
        return text;
    }

    private static FormatException Malformed(string text, string why) =>
        new($"params '{text}' are malformed: {why}. Params are a JSON object such as {{\"n\":20,\"warmup\":3}} " +
            "(or, in files written before they were JSON, key=value pairs joined by ';' such as n=20;warmup=3)");

    private static string Write(SortedDictionary<string, string> values)
    {
        if (values.Count == 0) return "";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, fragment) in values)
            {
                writer.WritePropertyName(key);
                writer.WriteRawValue(fragment, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The canonical JSON of one value given by a writer.</summary>
    private static string Fragment(string key, object? value) => WriteFragment(writer =>
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s:
                var typed = LegacyValue(s);
                if (typed is string) writer.WriteStringValue(s);
                else writer.WriteRawValue(Fragment(key, typed), skipInputValidation: true);
                break;
            case bool b: writer.WriteBooleanValue(b); break;
            case Enum e: writer.WriteStringValue(e.ToString()); break;
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case float or double or decimal:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d)) throw new ArgumentException($"the params value of '{key}' is {d}, which JSON cannot hold");
                WriteNumber(writer, d);
                break;
            default:
                throw new ArgumentException($"the params value of '{key}' is a {value.GetType().Name}; params hold numbers, strings and booleans");
        }
    });

    /// <summary>The canonical JSON of one value read from JSON: numbers rewritten (<c>1.0</c> → <c>1</c>), strings
    /// re-escaped, lists and objects compact (their own order kept).</summary>
    private static string Fragment(JsonElement element) => WriteFragment(writer => WriteCanonical(writer, element));

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var l)) writer.WriteNumberValue(l);
                else if (element.TryGetUInt64(out var u)) writer.WriteNumberValue(u);
                else WriteNumber(writer, element.GetDouble());
                break;
            case JsonValueKind.String: writer.WriteStringValue(element.GetString()); break;
            case JsonValueKind.True: writer.WriteBooleanValue(true); break;
            case JsonValueKind.False: writer.WriteBooleanValue(false); break;
            case JsonValueKind.Null: writer.WriteNullValue(); break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteCanonical(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            default:
                throw new FormatException($"unexpected JSON value {element.ValueKind}");
        }
    }

    /// <summary>An integral double as an integer (so that 3.0 and 3 are one value), others in round-trip form.</summary>
    private static void WriteNumber(Utf8JsonWriter writer, double d)
    {
        if (Math.Abs(d) < 9e15 && d == Math.Floor(d)) writer.WriteNumberValue((long)d);
        else writer.WriteRawValue(Number(d), skipInputValidation: true);
    }

    private static string Number(double d) =>
        Math.Abs(d) < 9e15 && d == Math.Floor(d) ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    private static string WriteFragment(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A canonical fragment as text: strings unquoted, null as null, anything else its JSON.</summary>
    private static string? Text(string fragment)
    {
        if (fragment == "null") return null;
        if (fragment.StartsWith('"')) return JsonSerializer.Deserialize<string>(fragment);
        return fragment;
    }
}
