using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Output;

/// <summary>Both Output scenarios: writers share the write end of a one-way pipe; the parent reads it to its end and
/// counts whole lines.</summary>
public abstract class InterleavedLinesTwin : EngineTwin
{
    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (writers, linesPerWriter, lineBytes) = (@case.Int("writers"), @case.Int("lines_per_writer"), @case.Int("line_bytes"));
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader)
        using (var scope = new ChildScope(context, budget))
        {
            var children = new List<Process>();
            using (writer)
            {
                for (var i = 0; i < writers; i++) children.Add(scope.Start(OutputTargets.WriteLines, [writer, i, linesPerWriter, lineBytes]));
            }
            // The parent's write end is closed: the end of the pipe comes when the last writer exits.
            var reading = Task.Run(() => OutputTargets.ReadToEnd(reader));
            if (!reading.Wait(scope.Remaining)) return Run.Hang("reading the writers' lines");
            if (!children.All(scope.Join)) return Run.Hang("a writer after the end of the pipe");
            if (children.FirstOrDefault(c => c.ExitCode != 0) is { } failed)
                return new(Support.Observe.Pairs(("writer_exitcode", failed.ExitCode)), $"writer pid {failed.Pid} failed");
            var data = reading.Result;
            var (lines, whole) = OutputTargets.CountLines(data, lineBytes);
            return Observe(data.LongLength, lines, whole, $"{data.LongLength} bytes, {lines} lines, {whole} whole");
        }
    }

    protected abstract Observation Observe(long bytes, int lines, int whole, string detail);
}

public sealed class SmallWritesWholeTwin : InterleavedLinesTwin
{
    public override string Id => "output.small-writes-whole";

    protected override Observation Observe(long bytes, int lines, int whole, string detail) =>
        new(Support.Observe.Pairs(("lines", lines), ("whole", whole)), detail);
}

public sealed class LargeWritesMayInterleaveTwin : InterleavedLinesTwin
{
    public override string Id => "output.large-writes-may-interleave";

    protected override Observation Observe(long bytes, int lines, int whole, string detail) =>
        new(Support.Observe.Pairs(("bytes", bytes), ("whole", whole)), detail);
}
