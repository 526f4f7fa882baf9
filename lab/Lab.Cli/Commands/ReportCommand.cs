using System.CommandLine;
using Lab.Results;

namespace Lab.Cli.Commands;

/// <summary>`lab report`: renders reports/index.html and reports/summary.md from results/ alone.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = CommonOptions.Results();
        var reports = CommonOptions.Reports();
        var command = new Command("report", "Render reports/index.html and reports/summary.md from the CSV files in results/.") { results, reports };
        command.SetAction(p =>
        {
            try
            {
                var paths = ReportWriter.Render(p.GetValue(results)!, p.GetValue(reports)!);
                Console.WriteLine($"report: {paths.Html}");
                Console.WriteLine($"summary: {paths.Markdown}");
                return 0;
            }
            catch (FileNotFoundException e)
            {
                throw new UsageError(e.Message);
            }
        });
        return command;
    }
}
