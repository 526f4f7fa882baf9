using System.Reflection;
using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.EngineTwins;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>The reference engine, in this process: its twins (EngineTwins/) call the library and start real children.
/// Two subjects, one per worker kind (issue #11): "engine" runs every child on the JIT worker (WorkerChoice.Jit),
/// "engine-aot" on the lab's Native AOT worker host (WorkerChoice.Aot: every target must be compiled into it), named by
/// LAB_AOT_WORKER_HOST (./run-all.sh publishes it). The twins take their context from <see cref="Context"/>.</summary>
public sealed class EngineSubject : ISubject
{
    public const string SubjectName = "engine";
    public const string AotSubjectName = "engine-aot";

    /// <summary>The environment variable that names the published AOT worker host (scenarios/Lab.Scenarios.Worker.Aot).</summary>
    public const string AotHostVariable = "LAB_AOT_WORKER_HOST";

    private readonly IReadOnlyDictionary<string, EngineTwin> _twins = EngineTwinRegistry.ById;

    /// <summary>The engine on the JIT worker.</summary>
    public EngineSubject() : this(WorkerKind.Jit) { }

    private EngineSubject(WorkerKind worker) => Worker = worker;

    /// <summary>The engine on the AOT worker host at <paramref name="host"/> (null: LAB_AOT_WORKER_HOST), or null and why.</summary>
    public static EngineSubject? CreateAot(string? host, out string? reason)
    {
        host ??= Environment.GetEnvironmentVariable(AotHostVariable);
        reason = null;
        if (string.IsNullOrEmpty(host))
        {
            reason = $"no Native AOT worker host: set {AotHostVariable} to a published scenarios/Lab.Scenarios.Worker.Aot (./run-all.sh publishes it to .artifacts/aot-worker; it needs clang and zlib1g-dev)";
            return null;
        }
        try
        {
            Multiprocessing.SetAotWorker(host);
        }
        catch (Exception e) when (e is ProcessStartError or InvalidOperationException)
        {
            reason = e.Message;
            return null;
        }
        return new EngineSubject(WorkerKind.Aot);
    }

    /// <summary>The worker every child of this subject runs in.</summary>
    public WorkerKind Worker { get; }

    /// <summary>The context of <paramref name="startMethod"/> with this subject's worker.</summary>
    public ProcessContext Context(string startMethod) =>
        Multiprocessing.GetContext(Lab.Engine.StartMethods.Parse(startMethod), Worker == WorkerKind.Aot ? WorkerChoice.Aot : WorkerChoice.Jit);

    public string Name => Worker == WorkerKind.Aot ? AotSubjectName : SubjectName;

    public SubjectKind Kind => SubjectKind.Engine;

    public string Version { get; } =
        typeof(Multiprocessing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Multiprocessing).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The git commit the engine was built from (the SDK stamps it after '+' in the informational version when it
    /// builds from a git checkout), or "" when unknown.</summary>
    public static string Commit { get; } =
        typeof(Multiprocessing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v && v.IndexOf('+') is var plus and >= 0
            ? v[(plus + 1)..]
            : "";

    public IReadOnlyList<string> StartMethods { get; } = Multiprocessing.AllStartMethods.Select(m => m.ToName()).ToArray();

    public IReadOnlySet<string> Twins => _twins.Keys.ToHashSet();

    public string? NotApplicable(string twin, string startMethod) =>
        !_twins.TryGetValue(twin, out var t) ? "the engine has no twin for this scenario"
        : t.NotUnder(Lab.Engine.StartMethods.Parse(startMethod)) ?? t.NotOn(Worker);

    public Observation Observe(CaseCall call)
    {
        if (!_twins.TryGetValue(call.Twin, out var twin)) throw new InvalidOperationException($"the engine has no twin '{call.Twin}'");
        return twin.ObserveCase(call, Context(call.StartMethod), call.Settings, call.Budget);
    }
}
