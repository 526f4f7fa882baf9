using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A writer builds a configuration object and publishes it in a shared slot; a reader uses it if it is there. Bug: the
/// writer publishes the reference before it initialises the object's field, so a reader can see a published object
/// that is not initialised yet (under sequential consistency already; weaker memory only adds ways). Fix: initialise,
/// then publish.
/// </summary>
internal static class PublishBeforeInit
{
    private const int Port = 8080;

    public static void Buggy(ISchedulingSeam rt) => Run(rt, initFirst: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, initFirst: true);

    private static void Run(ISchedulingSeam rt, bool initFirst)
    {
        var slot = rt.NewVariable<Config?>(null, "config-slot");
        var writer = rt.Spawn(() =>
        {
            var config = new Config(rt.NewVariable(0, "port"));
            if (initFirst) config.Port.Write(Port);
            slot.Write(config);
            if (!initFirst) config.Port.Write(Port);
        }, "writer");
        var reader = rt.Spawn(() =>
        {
            var config = slot.Read();
            if (config is not null)
                rt.Assert(config.Port.Read() == Port, "a reader saw the published configuration before it was initialised (port 0)");
        }, "reader");
        writer.Join();
        reader.Join();
    }

    private sealed record Config(ISeamVariable<int> Port);
}
