namespace Lab.Scenarios.Model;

/// <summary>
/// A known change of behaviour between versions of a kind of subject (Python's versions for every Python
/// implementation): under <see cref="StartMethod"/> (null: any), versions
/// before <see cref="Since"/> observe <see cref="Before"/> and versions from it on observe <see cref="From"/>, for
/// <see cref="Reason"/>. The matrix runs one scenario on several OS images (Python 3.9 to 3.14): where the same
/// subject and method observe different things on different images, the divergence is intended if every image's
/// observation is the one declared for its version, and a defect otherwise (issue #11 §5). The subject's expectation
/// follows the declaration too, so each image's row passes on its own version's behaviour.
/// </summary>
/// <param name="Since">The first version with the new behaviour, e.g. "3.14" or "3.13.8"; compared numerically
/// component by component, a missing component counting as 0 (so "3.14" is 3.14.0).</param>
public sealed record VersionChange(SubjectKind Kind, string? StartMethod, string Since, Observation Before, Observation From, string Reason)
{
    /// <summary>Whether this change is about a subject of <paramref name="kind"/> under <paramref name="startMethod"/>.</summary>
    public bool AppliesTo(SubjectKind kind, string startMethod) =>
        Kind == kind && (StartMethod is null || StartMethod == startMethod);

    /// <summary>What <paramref name="version"/> is declared to observe; null if the version does not parse.</summary>
    public Observation? ObservedAt(string version) =>
        VersionOrder.Compare(version, Since) is { } order ? order < 0 ? Before : From : null;
}

/// <summary>Orders dotted versions such as CPython's "3.13.8" or "3.14.0rc2" (a non-numeric tail is ignored: a
/// release candidate counts as its release).</summary>
public static class VersionOrder
{
    /// <summary>Negative, zero or positive as <paramref name="a"/> is before, equal to or after <paramref name="b"/>;
    /// null if either has no leading number.</summary>
    public static int? Compare(string a, string b)
    {
        var x = Parts(a);
        var y = Parts(b);
        if (x is null || y is null) return null;
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var order = (i < x.Count ? x[i] : 0).CompareTo(i < y.Count ? y[i] : 0);
            if (order != 0) return order;
        }
        return 0;
    }

    private static List<int>? Parts(string version)
    {
        var parts = new List<int>();
        foreach (var part in version.Split('.'))
        {
            var digits = new string(part.TakeWhile(char.IsAsciiDigit).ToArray());
            if (digits.Length == 0 || !int.TryParse(digits, out var n)) break;
            parts.Add(n);
            if (digits.Length < part.Length) break;
        }
        return parts.Count == 0 ? null : parts;
    }
}
