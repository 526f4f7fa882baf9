using System.CommandLine;
using Lab.Scenarios.Model;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab list`: the catalog, one scenario per row.</summary>
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
                var subjects = string.Join(", ", new[]
                {
                    s.AppliesToEngine(Lab.Engine.StartMethod.Spawn) ? "engine" : null,
                    s.HasCpythonTwin ? "cpython" : null,
                }.OfType<string>());
                table.AddRow(Markup.Escape(s.Id), s.Area, s.Kind.ToString().ToLowerInvariant(), Markup.Escape(s.Rule), Markup.Escape(s.Source), subjects);
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
