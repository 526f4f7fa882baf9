using Spectre.Console;

namespace Lab.Cli.Output;

/// <summary>Progress of a long run: a live bar on a terminal, one plain line per step otherwise (CI logs).</summary>
internal static class RunProgress
{
    /// <param name="unlisted">An outcome whose plain lines are left out of the log and counted at the end instead (a
    /// run's "skip": scenarios that do not apply to a subject or start method, hundreds of lines that hide the rest).</param>
    public static void Run<T>(string title, IReadOnlyList<T> steps, Func<T, string> describe, Func<T, string> execute, string? unlisted = null) =>
        Track(title, steps.Count, report =>
        {
            foreach (var step in steps) report(describe(step), execute(step));
            return 0;
        }, unlisted);

    /// <summary>Runs <paramref name="body"/>, which drives its own loop over <paramref name="total"/> steps and calls
    /// <c>report(description, outcome)</c> after each one.</summary>
    public static TResult Track<TResult>(string title, int total, Func<Action<string, string>, TResult> body, string? unlisted = null)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            int done = 0, left = 0;
            var result = body((description, outcome) =>
            {
                done++;
                if (outcome == unlisted) left++;
                else Console.WriteLine($"[{done}/{total}] {description}: {outcome}");
            });
            if (left > 0) Console.WriteLine($"{left} of {total} steps ended '{unlisted}' and are not listed above (the results CSV has each, with its reason)");
            return result;
        }
        return AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: total);
                var result = body((description, _) =>
                {
                    task.Description = Markup.Escape(description);
                    task.Increment(1);
                });
                task.Description = Markup.Escape(title);
                return result;
            });
    }
}
