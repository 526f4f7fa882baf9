using System.CommandLine;
using Lab.Results.Nightly;

namespace Lab.Cli.Commands;

/// <summary>`lab history prune --keep N`: bounds a nightly history (results/) to the newest N runs of each series.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var history = CommonOptions.History();
        var keep = new Option<int>("--keep") { Description = "runs to keep per series (and conformance, compare and calibration runs to keep)", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "list what would be removed and remove nothing" };
        var prune = new Command("prune", "Remove results files older than the newest N runs of each series; list what goes.") { history, keep, dryRun };
        prune.SetAction(p => Prune(p.GetValue(history)!, p.GetValue(keep), p.GetValue(dryRun)));
        return new Command("history", "Manage the results history that lab compare and lab report read.") { prune };
    }

    private static int Prune(string dir, int keep, bool dryRun)
    {
        if (keep < 1) throw new UsageError("--keep must be at least 1");
        if (!Directory.Exists(dir)) throw new UsageError($"no results directory {Path.GetFullPath(dir)}");
        IReadOnlyList<PruneEntry> plan;
        try
        {
            plan = HistoryPruner.Plan(dir, keep);
        }
        catch (InvalidDataException e)
        {
            throw new UsageError($"nothing removed: {e.Message}");
        }
        var removed = plan.Where(e => !e.Keep).ToList();
        foreach (var entry in removed)
        {
            if (!dryRun) File.Delete(entry.Path);
            Console.WriteLine($"{(dryRun ? "would remove" : "removed")} {Path.GetFileName(entry.Path)}: {entry.Reason}");
        }
        Console.WriteLine($"lab history prune: {(dryRun ? "would remove" : "removed")} {removed.Count} of {plan.Count} files, kept the newest {keep} runs of each series in {Path.GetFullPath(dir)}");
        return 0;
    }
}
