using System.CommandLine;
using Lab.Scenarios.Subjects;

namespace Lab.Cli.Commands;

/// <summary>Options shared by several commands, and the subjects they select.</summary>
internal static class CommonOptions
{
    public static Option<string> Subject() => new("--subject")
    {
        Description = $"the subjects: {string.Join(", ", SubjectCatalog.Names)}, a comma list of them, or all",
        DefaultValueFactory = _ => "all",
    };

    public static Option<string?> Method() => new("--method") { Description = "only this start method: fork, spawn or forkserver" };

    public static Option<string?> Python() => new("--python") { Description = "the interpreter of the cpython subject (default: python3 on PATH)" };

    public static Option<string?> Pypy() => new("--pypy") { Description = "the interpreter of the pypy subject (default: pypy3 on PATH)" };

    public static Option<bool> Quick() => new("--quick") { Description = "fewer cases and samples (what the test suite and CI use)" };

    public static Option<string> Results() => new("--results")
    {
        Description = "directory for CSV results",
        DefaultValueFactory = _ => "results",
    };

    /// <summary>The history of results that `lab compare` and `lab history` read: the same directory as --results.</summary>
    public static Option<string> History() => new("--history", "--results")
    {
        Description = "directory of the results history (samples-*.csv, bench-*.csv…)",
        DefaultValueFactory = _ => "results",
    };

    public static Option<string> Reports() => new("--reports")
    {
        Description = "directory for rendered reports",
        DefaultValueFactory = _ => "reports",
    };

    public static void ValidateMethod(string? method)
    {
        if (method is not (null or "fork" or "spawn" or "forkserver"))
            throw new UsageError($"unknown start method '{method}': expected fork, spawn or forkserver");
    }

    /// <summary>The subjects named by --subject, in the catalog's order. A missing Python implementation is one clear
    /// line, not an error, unless it was named explicitly.</summary>
    public static List<ISubject> Subjects(string which, string? python, string? pypy = null)
    {
        var names = which == "all"
            ? SubjectCatalog.Names.ToList()
            : which.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = names.Where(n => SubjectCatalog.Find(n) is null).ToList();
        if (names.Count == 0 || unknown.Count > 0)
            throw new UsageError($"unknown subject '{string.Join(",", unknown.DefaultIfEmpty(which))}': expected {string.Join(", ", SubjectCatalog.Names)}, a comma list of them, or all");
        var subjects = new List<ISubject>();
        foreach (var entry in SubjectCatalog.All.Where(e => names.Contains(e.Name)))
        {
            var (subject, reason) = entry.Create(entry.Name switch { CpythonSubject.SubjectName => python, PypySubject.SubjectName => pypy, _ => null });
            if (subject is not null) subjects.Add(subject);
            else if (which != "all") throw new UsageError($"the {entry.Name} subject is not available: {reason}");
            else Console.Error.WriteLine($"lab: skipping the {entry.Name} subject: {reason}");
        }
        return subjects;
    }
}
