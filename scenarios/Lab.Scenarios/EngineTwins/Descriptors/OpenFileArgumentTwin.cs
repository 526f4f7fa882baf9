using Lab.Engine;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Descriptors;

/// <summary>Starts a child with an open FileStream as its argument.</summary>
public sealed class OpenFileArgumentTwin : EngineTwin
{
    public override string Id => "descriptors.open-file-argument";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = Directory.CreateTempSubdirectory("lab-descriptors-");
        try
        {
            var path = Path.Combine(directory.FullName, "open.txt");
            using var file = File.Open(path, FileMode.CreateNew, FileAccess.ReadWrite);
            using var scope = new ChildScope(context, budget);
            try
            {
                var p = Run.ToEnd(scope, DescriptorsTargets.WriteInto, [file]);
                if (p is null) return Run.Hang("the child writing into the file");
                return new(Observe.Pairs(("refused", false), ("child_wrote", File.ReadAllText(path).Contains("child"))), $"child exit code {p.ExitCode}");
            }
            catch (SerializationError e)
            {
                return new(Observe.Pairs(("refused", true)), e.Message);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
