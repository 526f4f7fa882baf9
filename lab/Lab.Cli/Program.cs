using System.CommandLine;
using Lab.Cli;
using Lab.Cli.Commands;

var root = new RootCommand("The concurrency-semantics lab: conformance scenarios, benchmarks and systematic concurrency testing for the reference engine and CPython's multiprocessing.")
{
    ListCommand.Create(),
    RunCommand.Create(),
    BenchCommand.Create(),
    CompareCommand.Create(),
    HistoryCommand.Create(),
    ReportCommand.Create(),
    ExploreCommand.Create(),
    ReplayCommand.Create(),
    MatrixCommand.Create(),
    ImagesCommand.Create(),
};

// Logs are read in files and CI pages, not an 80-column terminal: keep tables on one line per row.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"lab: {parsed.Errors[0].Message} (see 'lab --help')");
    return 2;
}
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UsageError e)
{
    Console.Error.WriteLine($"lab: {e.Message}");
    return 2;
}
