using System.Reflection;

namespace Lab.Engine.Forking;

/// <summary>
/// The assemblies of Multiprocessing.SetForkServerPreload, loaded by the server (to fail early) and by every
/// pre-started worker before it waits for a job. CPython's forkserver ignores an ImportError of a preloaded module
/// (forkserver.py, main: "except ImportError: pass"); the engine refuses instead, with the reason, when the server
/// starts: a preload that silently does nothing would make the speed-up it was asked for disappear unnoticed.
/// </summary>
internal static class Preload
{
    /// <summary>An item with a '/' or ending in .dll is a path (Assembly.LoadFrom); anything else is an assembly
    /// name (Assembly.Load), e.g. "System.Xml.Linq".</summary>
    public static void LoadAll(IReadOnlyCollection<string> items)
    {
        if (items.Count > 0 && Targets.CompiledTargets.IsAotProcess)
            throw new PreloadError($"cannot preload '{items.First()}': a Native AOT forkserver cannot load assemblies (everything its workers run is compiled in); preload applies to the JIT forkserver only");
        foreach (var item in items)
        {
            try
            {
                if (item.Contains('/') || item.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    Assembly.LoadFrom(Path.GetFullPath(item));
                else
                    Assembly.Load(new AssemblyName(item));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException or IOException)
            {
                throw new PreloadError($"cannot preload '{item}': {e.Message}");
            }
        }
    }
}

internal sealed class PreloadError(string message) : Exception(message);
