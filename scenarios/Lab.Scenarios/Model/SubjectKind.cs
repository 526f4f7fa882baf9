namespace Lab.Scenarios.Model;

/// <summary>
/// Which family of twins a subject runs: the engine's C# twins, or the Python driver's (CPython, PyPy and any other
/// implementation of Python's <c>multiprocessing</c>). Scenarios state expectations and applicability per kind, so
/// a new Python implementation is one subject file, and no scenario changes.
/// </summary>
public enum SubjectKind
{
    Engine,
    Python,
}
