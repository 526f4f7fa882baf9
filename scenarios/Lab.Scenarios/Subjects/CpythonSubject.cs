namespace Lab.Scenarios.Subjects;

/// <summary>CPython's own <c>multiprocessing</c>: the reference every other subject is compared with.</summary>
public sealed class CpythonSubject : PythonSubject
{
    public const string SubjectName = "cpython";

    private CpythonSubject(PythonDriver driver) : base(driver) { }

    public override string Name => SubjectName;

    /// <summary><paramref name="python"/>, else python3 on PATH; null with the reason when it cannot be used.</summary>
    public static CpythonSubject? Create(string? python, out string? reason) => Create(python, "python3", d => new CpythonSubject(d), out reason);
}
