using System.Globalization;
using System.Text.Json;

namespace Lab.Scenarios.Model;

/// <summary>
/// What a subject observed for one case: an ordered list of named fields whose values are canonical strings
/// (lowercase <c>true</c>/<c>false</c>, <c>null</c>, invariant numbers), or a hang; plus free text for humans
/// (<see cref="Detail"/>, never compared). Two observations are equal when their fields are, in order.
/// <para>Forms: the engine's twins build it from values (<see cref="Of"/>); the Python driver sends a JSON object
/// of strings (<see cref="FromJson"/>); scenarios write expectations in the short notation <c>key=value;key=value</c>
/// (<see cref="Parse"/>, also an implicit conversion from string). The CSV's <c>expected</c> and <c>observed</c>
/// columns hold <see cref="ToJson"/>: <c>{"exitcode":"3"}</c>, and <c>"hang"</c> for a hang.</para>
/// </summary>
public sealed class Observation : IEquatable<Observation>
{
    private const string HangText = "hang";

    private Observation(IReadOnlyList<KeyValuePair<string, string>> fields, bool isHang, string detail)
    {
        Fields = fields;
        IsHang = isHang;
        Detail = detail;
    }

    /// <summary>The same fields with another detail (what the engine twins write as <c>new(Observe.Pairs(…), detail)</c>).</summary>
    public Observation(Observation fields, string detail = "") : this(fields.Fields, fields.IsHang, detail) { }

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    public bool IsHang { get; }

    public string Detail { get; }

    /// <summary>The hang observation (a case that outlived its budget and was killed).</summary>
    public static Observation Hang { get; } = new([], true, "");

    public static Observation Empty { get; } = new([], false, "");

    public static Observation Of(params (string Key, object? Value)[] pairs)
    {
        foreach (var (key, _) in pairs) CheckKey(key);
        return new(pairs.Select(p => KeyValuePair.Create(p.Key, Format(p.Value))).ToArray(), false, "");
    }

    public Observation WithDetail(string detail) => new(Fields, IsHang, detail);

    /// <summary>The value of a field, or null when the observation has none of that name.</summary>
    public string? Get(string key) => Fields.FirstOrDefault(f => f.Key == key) is { Key: not null } f ? f.Value : null;

    /// <summary>The integer value of a field, or null when it is missing or not an integer.</summary>
    public long? GetInt(string key) =>
        long.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The short notation, <c>key=value;key=value</c> or <c>hang</c>: for people and scenario literals.</summary>
    public string Notation => IsHang ? HangText : string.Join(";", Fields.Select(f => $"{f.Key}={f.Value}"));

    /// <summary>Parses the short notation. Keys are identifiers (letters, digits, '_', '-', '.'); a value runs to the next
    /// ';' (values never contain ';'). <exception cref="FormatException">for anything else.</exception></summary>
    public static Observation Parse(string notation)
    {
        if (notation == HangText) return Hang;
        if (notation.Length == 0) return Empty;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var part in notation.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException($"'{part}' in observation '{notation}' is not key=value");
            var key = part[..eq];
            var value = part[(eq + 1)..];
            CheckKey(key);
            fields.Add(KeyValuePair.Create(key, value));
        }
        return new(fields, false, "");
    }

    /// <summary>The short notation as an observation; null stays null (so <c>cond ? "k=v" : null</c> can be an
    /// <c>Observation?</c>).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(notation))]
    public static implicit operator Observation?(string? notation) => notation is null ? null : Parse(notation);

    /// <summary>The CSV form: a JSON object of string values in field order, or the JSON string "hang".</summary>
    public string ToJson()
    {
        if (IsHang) return JsonSerializer.Serialize(HangText);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in Fields) writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads <see cref="ToJson"/>'s form, which is also what the Python driver sends.
    /// <exception cref="FormatException">for any other JSON (a non-string value, an array…).</exception></summary>
    public static Observation FromJson(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String && json.GetString() == HangText) return Hang;
        if (json.ValueKind != JsonValueKind.Object) throw new FormatException($"an observation is a JSON object of strings, not {json.ValueKind}: {Short(json.GetRawText())}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var property in json.EnumerateObject())
        {
            CheckKey(property.Name);
            if (property.Value.ValueKind != JsonValueKind.String)
                throw new FormatException($"the observation's field '{property.Name}' is {property.Value.ValueKind}, not a string: {Short(json.GetRawText())}");
            fields.Add(KeyValuePair.Create(property.Name, property.Value.GetString()!));
        }
        return new(fields, false, "");
    }

    public static Observation FromJson(string json) => FromJson(JsonSerializer.Deserialize<JsonElement>(json));

    /// <summary>The canonical text of a value, as the Python driver's <c>fmt_value</c> writes it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    public bool Equals(Observation? other) =>
        other is not null && IsHang == other.IsHang && Fields.SequenceEqual(other.Fields);

    public override bool Equals(object? obj) => obj is Observation o && Equals(o);

    public override int GetHashCode() => Notation.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(Observation? a, Observation? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Observation? a, Observation? b) => !(a == b);

    public override string ToString() => Notation;

    private static void CheckKey(string key)
    {
        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new FormatException($"'{key}' is not an observation key (letters, digits, '_', '-', '.')");
    }

    private static string Short(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
