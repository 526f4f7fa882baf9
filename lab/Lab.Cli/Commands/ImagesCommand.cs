using System.CommandLine;
using System.Globalization;
using Lab.Matrix.Docker;
using Lab.Matrix.Images;
using Lab.Results;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab images list|build|remove`: the matrix's OS images (issue #11 §2), in every engine and in the tarball cache.
/// build makes the selected images present (building missing root file systems with debootstrap); remove deletes the
/// selected suites' images from the engines (--stale: only those of outdated recipes) and, with --cache, their tarballs.
/// </summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var action = new Argument<string>("ACTION") { Description = "list, build or remove", DefaultValueFactory = _ => "list" };
        var images = MatrixCommonOptions.Images();
        var hosts = MatrixCommonOptions.DockerHosts();
        var workDir = MatrixCommonOptions.WorkDir();
        var mirror = MatrixCommonOptions.Mirror();
        var stale = new Option<bool>("--stale") { Description = "remove: only images whose recipe is no longer current" };
        var cache = new Option<bool>("--cache") { Description = "remove: also the cached root file system tarballs" };
        var command = new Command("images", "List, build or remove the matrix's OS images (Debian suites built with debootstrap, named by their recipe's hash).")
        {
            action, images, hosts, workDir, mirror, stale, cache,
        };
        command.SetAction(p =>
        {
            var verb = p.GetValue(action);
            if (verb is not ("list" or "build" or "remove")) throw new UsageError($"unknown action '{verb}': expected list, build or remove");
            var recipes = MatrixCommonOptions.SelectImages(p.GetValue(images));
            var cacheDir = Path.Combine(p.GetValue(workDir)!, "images");
            return MatrixCommonOptions.WithSignals(async cancel =>
            {
                var say = (string line) => Console.WriteLine(line);
                await using var engines = await EngineSet.ConnectAsync(p.GetValue(hosts) ?? [], p.GetValue(workDir)!, say, cancel);
                switch (verb)
                {
                    case "list":
                        await List(engines, cacheDir, cancel);
                        return 0;
                    case "build":
                        var store = new ImageStore(cacheDir, p.GetValue(mirror) ?? AptMirror.Detect(), RunInfo.Create().RunId);
                        var failed = 0;
                        foreach (var recipe in recipes)
                        {
                            try
                            {
                                foreach (var engine in engines.Engines) await store.EnsureAsync(recipe, engine, say, cancel);
                            }
                            catch (ImageBuildException e)
                            {
                                Console.Error.WriteLine($"lab images: {e.Message}");
                                failed++;
                            }
                        }
                        await List(engines, cacheDir, cancel);
                        return failed == 0 ? 0 : 1;
                    default:
                        await Remove(engines, recipes, cacheDir, p.GetValue(stale), p.GetValue(cache), cancel);
                        return 0;
                }
            });
        });
        return command;
    }

    private static async Task List(EngineSet engines, string cacheDir, CancellationToken cancel)
    {
        var table = new Table().AddColumns("engine", "image", "suite", "recipe", "python", "MiB", "created", "current", "tarball cached");
        foreach (var engine in engines.Engines)
            foreach (var i in await ImageStore.ListAsync(engine, cancel))
            {
                var recipe = Suites.All.FirstOrDefault(r => r.Suite == i.Suite && r.Hash == i.RecipeHash);
                table.AddRow(Markup.Escape(engine.ToString()), Markup.Escape(i.Reference), Markup.Escape(i.Suite), Markup.Escape(i.RecipeHash), Markup.Escape(i.Python),
                    (i.SizeBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture), i.Created.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    i.IsCurrent ? "yes" : "no (stale)", recipe is not null && ImageBuilder.Cached(cacheDir, recipe) is not null ? "yes" : "no");
            }
        if (table.Rows.Count == 0) Console.WriteLine("no lab images in the engines (build them with 'lab images build')");
        else AnsiConsole.Write(table);
    }

    private static async Task Remove(EngineSet engines, IReadOnlyList<ImageRecipe> recipes, string cacheDir, bool staleOnly, bool cache, CancellationToken cancel)
    {
        var suites = recipes.Select(r => r.Suite).ToHashSet();
        foreach (var engine in engines.Engines)
            foreach (var image in await ImageStore.ListAsync(engine, cancel))
            {
                if (!suites.Contains(image.Suite) || (staleOnly && image.IsCurrent)) continue;
                await ImageStore.RemoveAsync(image, cancel);
                Console.WriteLine($"removed {image.Reference} from {engine}");
            }
        if (!cache) return;
        foreach (var recipe in recipes)
            if (ImageBuilder.Remove(cacheDir, recipe)) Console.WriteLine($"removed the cached root file system of {recipe.Label}");
    }
}
