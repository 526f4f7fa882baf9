using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>
/// Every subject the lab knows, by name: the one place a new subject is registered (its class and one line here).
/// <see cref="Create"/> takes the interpreter a Python subject should use (null: its default command on PATH).
/// </summary>
public static class SubjectCatalog
{
    public sealed record Entry(string Name, SubjectKind Kind, string DefaultCommand, Func<string?, (ISubject? Subject, string? Reason)> Create);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new(EngineSubject.SubjectName, SubjectKind.Engine, "", _ => (new EngineSubject(), null)),
        new(EngineSubject.AotSubjectName, SubjectKind.Engine, "", host => (EngineSubject.CreateAot(host, out var why), why)),
        new(CpythonSubject.SubjectName, SubjectKind.Python, "python3", path => (CpythonSubject.Create(path, out var why), why)),
        new(PypySubject.SubjectName, SubjectKind.Python, "pypy3", path => (PypySubject.Create(path, out var why), why)),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(e => e.Name).ToArray();

    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The kind of a subject named in a results row, or null for a name the lab does not know.</summary>
    public static SubjectKind? KindOf(string name) => Find(name)?.Kind;
}
