using Spectre.Console;

namespace Lab.Cli.Output;

/// <summary>Progress of a long run: a live bar on a terminal, one plain line per step otherwise (CI logs).</summary>
internal static class RunProgress
{
    public static void Run<T>(string title, IReadOnlyList<T> steps, Func<T, string> describe, Func<T, string> execute)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var outcome = execute(steps[i]);
                Console.WriteLine($"[{i + 1}/{steps.Count}] {describe(steps[i])}: {outcome}");
            }
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
