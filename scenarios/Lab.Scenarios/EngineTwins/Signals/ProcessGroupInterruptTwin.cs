using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Signals;

/// <summary>A child leads a new process group, starts two blocking children and sends SIGINT to its group; it reports
/// that it survived and its children's exit codes.</summary>
public sealed class ProcessGroupInterruptTwin : EngineTwin
{
    public override string Id => "signals.process-group-interrupt";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var children = @case.Int("children");
        var group = (string)@case.Params["group"]!;
        var pool = group == "pool";
        var directory = pool ? Directory.CreateTempSubdirectory("lab-group-pool-") : null;
        try
        {
            var (leader, conn) = pool
                ? scope.StartConnected(SignalsTargets.InterruptOwnGroupPool, context.StartMethod.ToString(), children, directory!.FullName)
                : scope.StartConnected(SignalsTargets.InterruptOwnGroup, context.StartMethod.ToString(), children, group == "handling-children");
            if (!Expect.Message(conn, scope, leader, "the leader's report", out var message, out var failure)) return failure!;
            if (!scope.Join(leader)) return Run.Hang("the group's leader after its report");
            var report = (List<object?>)message!;
            if (pool)
                return new(Observe.Pairs(("leader_survived", report[0]), ("map", report[1]), ("workers_replaced", report[2]), ("leader_exitcode", leader.ExitCode)),
                    $"leader pid {leader.Pid} ran a Pool of {children} in its own process group and sent the group SIGINT; the broken pool reported exit code {report[3] ?? "none"}");
            var codes = report.Skip(1).Select(c => c is int code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "alive");
            return new(Observe.Pairs(("leader_survived", report[0]), ("children_exitcodes", string.Join(",", codes)), ("leader_exitcode", leader.ExitCode)),
                $"leader pid {leader.Pid} led its own process group and sent it SIGINT");
        }
        finally
        {
            directory?.Delete(recursive: true);
        }
    }
}
