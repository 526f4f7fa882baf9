using System.CommandLine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab list`: the catalog, one scenario per row, with the kinds of subject that have a twin for it.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the scenario catalog: id, area, kind, rule, source, subjects.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("id", "area", "kind", "rule", "source", "subjects");
            foreach (var s in ScenarioCatalog.All)
            {
                var subjects = string.Join(", ", SubjectCatalog.All.Where(e => s.WithoutTwinOn(e.Kind) is null).Select(e => e.Name));
                table.AddRow(Markup.Escape(s.Id), s.Area, s.Kind.ToString().ToLowerInvariant(), Markup.Escape(s.Rule), Markup.Escape(s.Source), subjects);
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
