using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>One generated case of the pool properties (§7): an operation (map, starmap, imap_unordered), a function of
/// the fixed set, the input list, 1..4 workers and a chunksize in 1..len+1 or the default (null).</summary>
public sealed record PoolInput(string Op, string Function, int[] Data, int Processes, int? Chunksize)
{
    public override string ToString() =>
        $"{Op}({Function}, [{string.Join(",", Data)}]) on {Processes} worker(s), chunksize {Chunksize?.ToString() ?? "default"}";

    /// <summary>What the sequential operation gives: <c>result=a,b</c> (imap_unordered's sorted) or, for a failing map,
    /// <c>raised=value_error;message=...</c> of the first failing element in input order.</summary>
    public Observation Expected()
    {
        if (Op == "starmap")
            return Observation.Of(("result", string.Join(",", Data.Select((x, i) => Star(Function, x, i)))));
        if (FailingElements.Count > 0) return Failure(FailingElements[0]);
        var results = Data.Select(x => Apply(Function, x));
        return Observation.Of(("result", string.Join(",", Op == "imap_unordered" ? results.Order() : results)));
    }

    /// <summary>The elements raise13 fails on, in input order (empty for the other functions).</summary>
    public IReadOnlyList<int> FailingElements =>
        Function == "raise13" ? Data.Where(x => x != 0 && x % 13 == 0).ToList() : [];

    /// <summary>The spec check. The engine raises the first failure in input order. CPython's MapResult keeps the first
    /// failure to *complete* (pool.py MapResult._set), which is the first in input order only with one worker: with
    /// more, any failing element's error is CPython's correct answer.</summary>
    public bool Accepts(Observation observed, bool firstFailureOnly)
    {
        if (observed == Expected()) return true;
        if (firstFailureOnly || FailingElements.Count < 2) return false;
        return FailingElements.Any(x => observed == Failure(x));
    }

    /// <summary>The parameters of the twins of id <c>pool.property-case</c> (the engine's and the Python driver's).</summary>
    public Dictionary<string, object?> TwinParams() => new()
    {
        ["op"] = Op,
        ["function"] = Function,
        ["data"] = Op == "starmap" ? Data.Select((x, i) => (object?)new List<int> { x, i }).ToList() : Data.Select(x => (object?)x).ToList(),
        ["processes"] = Processes,
        ["chunksize"] = Chunksize,
    };

    public static Arbitrary<PoolInput> Arbitrary { get; } = Generator().ToArbitrary();

    private static Observation Failure(int x) => Observation.Of(("raised", "value_error"), ("message", $"multiple of 13: {x}"));

    /// <summary>The sequential specification of the fixed function set (the engine's PoolFunctions and the driver's
    /// pool.py implement it): raise13's failures are <see cref="FailingElements"/>; mod7 is Python's modulo.</summary>
    private static int Apply(string function, int x) => function switch
    {
        "square" => x * x,
        "negate" => -x,
        "mod7" => ((x % 7) + 7) % 7,
        "raise13" => x,
        _ => throw new ArgumentException($"unknown pool function '{function}' (square, negate, mod7, raise13)"),
    };

    private static int Star(string function, int a, int b) => function switch
    {
        "add" => a + b,
        "sub" => a - b,
        _ => throw new ArgumentException($"unknown pool star function '{function}' (add, sub)"),
    };

    private static Gen<PoolInput> Generator() =>
        from op in Gen.Elements("map", "map", "starmap", "imap_unordered")
        from function in op switch
        {
            "starmap" => Gen.Elements("add", "sub"),
            "map" => Gen.Elements("square", "negate", "mod7", "raise13", "raise13"),
            _ => Gen.Elements("square", "negate", "mod7"),
        }
        from length in Gen.Choose(0, 30)
        from data in Gen.ArrayOf(Gen.Choose(-60, 200), length)
        from processes in Gen.Choose(1, 4)
        from chunksize in Gen.OneOf(Gen.Constant((int?)null), Gen.Choose(1, length + 1).Select(c => (int?)c))
        select new PoolInput(op, function, data, processes, op == "imap_unordered" ? chunksize ?? 1 : chunksize);
}
