using Spectre.Console;

namespace Lab.Cli.Output;

/// <summary>Progress of a long run: a live bar on a terminal, one plain line per step otherwise (CI logs).</summary>
internal static class RunProgress
{
    /// <param name="unlisted">An outcome whose plain lines are left out of the log and counted at the end instead (a
    /// run's "skip": scenarios that do not apply to a subject or start method, hundreds of lines that hide the rest).</param>
    public static void Run<T>(string title, IReadOnlyList<T> steps, Func<T, string> describe, Func<T, string> execute, string? unlisted = null)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var left = 0;
            for (var i = 0; i < steps.Count; i++)
            {
                var outcome = execute(steps[i]);
                if (outcome == unlisted) left++;
                else Console.WriteLine($"[{i + 1}/{steps.Count}] {describe(steps[i])}: {outcome}");
            }
            if (left > 0) Console.WriteLine($"{left} of {steps.Count} steps ended '{unlisted}' and are not listed above (the results CSV has each, with its reason)");
            return;
        }
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: steps.Count);
                foreach (var step in steps)
                {
                    task.Description = Markup.Escape(describe(step));
                    execute(step);
                    task.Increment(1);
                }
                task.Description = Markup.Escape(title);
            });
    }
}
