using Lab.Systematic.Exploration;
using Lab.Systematic.Primitives;

namespace Lab.Systematic.Tests;

/// <summary>Small programs the tests explore (the corpus has the seeded bugs).</summary>
internal static class Programs
{
    /// <summary>Two operations append their letter to a log twice each; main spawns them and returns. The log is the
    /// observable interleaving.</summary>
    public static SystematicProgram TwoByTwo(List<string> logs) => new("two-by-two", rt =>
    {
        var log = new SharedVariable<string>(rt, "", "log");
        void Append(string letter)
        {
            log.Update(s => s + letter);
            log.Update(s => s + letter);
        }
        var a = rt.Spawn(() => Append("a"), "a");
        var b = rt.Spawn(() => Append("b"), "b");
        logs.Add("");
        var slot = logs.Count - 1;
        rt.Spawn(() =>
        {
            a.Join();
            b.Join();
            logs[slot] = log.Read();
        }, "observer");
    });

    /// <summary>An operation polls a flag that nobody sets, yielding each time: it stays enabled forever.</summary>
    public static SystematicProgram SpinForever { get; } = new("spin-forever", rt =>
    {
        var flag = new SharedVariable<bool>(rt, false, "flag");
        rt.Spawn(() =>
        {
            while (!flag.Read()) rt.Yield();
        }, "spinner");
    });

    /// <summary>An operation polls a flag that another sets: Yield lets the setter run under every strategy.</summary>
    public static SystematicProgram SpinUntilSet { get; } = new("spin-until-set", rt =>
    {
        var flag = new SharedVariable<bool>(rt, false, "flag");
        var spinner = rt.Spawn(() =>
        {
            while (!flag.Read()) rt.Yield();
        }, "spinner");
        rt.Spawn(() => flag.Write(true), "setter");
        spinner.Join();
    });

    /// <summary>An operation that throws after a write.</summary>
    public static SystematicProgram Throws { get; } = new("throws", rt =>
    {
        var shared = new SharedVariable<int>(rt, 0, "shared");
        var worker = rt.Spawn(() =>
        {
            shared.Write(1);
            throw new InvalidOperationException("boom from the worker");
        }, "worker");
        shared.Write(2);
        worker.Join();
    });

    /// <summary>Releases a lock it never acquired (CPython: RuntimeError "release unlocked lock").</summary>
    public static SystematicProgram ReleaseUnlocked { get; } = new("release-unlocked", rt =>
    {
        var guard = new ControlledLock(rt, "guard");
        guard.Release();
    });

    /// <summary>A controlled boolean decides whether main asserts; the other branch passes.</summary>
    public static SystematicProgram ValueChoice { get; } = new("value-choice", rt =>
    {
        var shared = new SharedVariable<int>(rt, 0, "shared");
        var worker = rt.Spawn(() => shared.Write(rt.NextInt(3)), "worker");
        worker.Join();
        rt.Assert(!(rt.NextBool() && shared.Read() == 2), "the controlled values were true and 2");
    });
}
