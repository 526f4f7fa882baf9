namespace Lab.Scenarios.Subjects;

/// <summary>
/// PyPy's <c>multiprocessing</c> (Debian's <c>pypy3</c>, Python 3.9 semantics), through the same driver and twins as
/// CPython. Its divergences from CPython are judged as the engine's are (Scenario.IntendedPythonDivergence); what it
/// does differently is listed in scenarios/Lab.Scenarios/README.md.
/// </summary>
public sealed class PypySubject : PythonSubject
{
    public const string SubjectName = "pypy";

    private PypySubject(PythonDriver driver) : base(driver) { }

    public override string Name => SubjectName;

    /// <summary><paramref name="pypy"/>, else pypy3 on PATH; null with the reason when it cannot be used.</summary>
    public static PypySubject? Create(string? pypy, out string? reason) => Create(pypy, "pypy3", d => new PypySubject(d), out reason);
}
