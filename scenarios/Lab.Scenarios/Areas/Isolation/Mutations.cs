namespace Lab.Scenarios.Areas.Isolation;

/// <summary>The little mutation language shared with the CPython twin: ["append", v], ["set", i, v] (i modulo the
/// length), ["insert", i, v], ["pop"], ["clear"]. Operations on an empty list that need an element are skipped.</summary>
public static class Mutations
{
    public static void Apply(List<object?> data, List<object?> mutations)
    {
        foreach (var m in mutations.Cast<List<object?>>())
        {
            switch ((string)m[0]!)
            {
                case "append": data.Add(m[1]); break;
                case "set" when data.Count > 0: data[(int)m[1]! % data.Count] = m[2]; break;
                case "insert": data.Insert(data.Count == 0 ? 0 : (int)m[1]! % (data.Count + 1), m[2]); break;
                case "pop" when data.Count > 0: data.RemoveAt(data.Count - 1); break;
                case "clear": data.Clear(); break;
            }
        }
    }
}
