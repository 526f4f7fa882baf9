namespace Lab.Results;

/// <summary>The comparison's cell texts, shared by the HTML and Markdown reports so both show the same figures.</summary>
public static class SystematicFormat
{
    public const string Legend =
        "Each cell: median iterations to the first bug over the seeds (a seed that found nothing within the budget counts as infinite; " +
        "'none' when half the seeds or more found nothing), the seeds that found it, and for ours the ratio to Coyote's best strategy " +
        "(below 1: ours needed fewer); then schedules per second exploring the corrected twin through its budget, with ours as a ratio " +
        "to Coyote's fastest strategy; 'twin BUG' marks a twin in which a bug was found.";

    public static string Iterations(ComparisonCell cell)
    {
        var median = cell.MedianIterations is { } m ? ReportFormat.Number(m) : "none";
        var ratio = cell.IterationsRatio is { } r ? $" {ReportFormat.Ratio(r)}" : "";
        return $"{median} ({cell.Found}/{cell.Tried}){ratio}";
    }

    public static string Speed(ComparisonCell cell)
    {
        if (cell.SchedulesPerSecond is not { } speed)
            return "–";
        var ratio = cell.SpeedRatio is { } r ? $" {ReportFormat.Ratio(r)}" : "";
        return $"{ReportFormat.Number(speed)}/s{ratio}";
    }

    public static string Twin(ComparisonCell cell) =>
        cell.TwinTried == 0 ? "" : cell.TwinBugs == 0 ? "" : $"twin BUG {cell.TwinBugs}/{cell.TwinTried}";

    public static string Verdict(bool? met) => met switch
    {
        true => "met",
        false => "NOT met",
        null => "not measured",
    };
}
