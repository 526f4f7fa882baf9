namespace Lab.Scenarios.EngineTwins.Isolation;

/// <summary>The little mutation language shared with the CPython twin (twins/isolation.py): ["append", v],
/// ["set", i, v] (i modulo the length; skipped on an empty list), ["insert", i, v] (Python's list.insert: i clamped
/// to the ends), ["pop"] (the last item; skipped on an empty list), ["clear"].</summary>
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
                case "insert": data.Insert(Math.Clamp((int)m[1]!, 0, data.Count), m[2]); break;
                case "pop" when data.Count > 0: data.RemoveAt(data.Count - 1); break;
                case "clear": data.Clear(); break;
            }
        }
    }
}
