using System.CommandLine;
using Lab.Scenarios.Subjects;

namespace Lab.Cli.Commands;

/// <summary>Options shared by several commands, and the subjects they select.</summary>
internal static class CommonOptions
{
    public static Option<string> Subject() => new("--subject")
    {
        Description = "engine, cpython or all",
        DefaultValueFactory = _ => "all",
    };

    public static Option<string?> Method() => new("--method") { Description = "only this start method: fork, spawn or forkserver" };

    public static Option<string?> Python() => new("--python") { Description = "the Python interpreter of the cpython subject (default: python3 on PATH)" };

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

    /// <summary>The subjects named by --subject. A missing CPython is one clear line, not an error, unless it
    /// was asked for alone.</summary>
    public static List<Subject> Subjects(string which, string? python)
    {
        if (which is not ("engine" or "cpython" or "all"))
            throw new UsageError($"unknown subject '{which}': expected engine, cpython or all");
        var subjects = new List<Subject>();
        if (which is "engine" or "all") subjects.Add(new EngineSubject());
        if (which is "cpython" or "all")
        {
            var cpython = CpythonSubject.Create(python, out var reason);
            if (cpython is not null) subjects.Add(cpython);
            else if (which == "cpython") throw new UsageError($"the cpython subject is not available: {reason}");
            else Console.Error.WriteLine($"lab: skipping the cpython subject: {reason}");
        }
        return subjects;
    }
}
