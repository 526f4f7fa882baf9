using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class WrongEndRefusedScenario : Scenario
{
    public override string Id => "pipes.wrong-end-refused";
    public override string Rule => "A one-way pipe's receiving end refuses send ('connection is read-only') and its sending end refuses recv ('connection is write-only').";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Pipe(duplex=False); multiprocessing/connection.py _check_readable/_check_writable";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("send_on_reader_refused=true;recv_on_writer_refused=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader)
        using (writer)
        {
            var (sendRefused, sendHow) = Refused(() => reader.Send("x"));
            var (recvRefused, recvHow) = Refused(() => writer.Recv(TimeSpan.Zero));
            return new(Observe.Pairs(("send_on_reader_refused", sendRefused), ("recv_on_writer_refused", recvRefused)),
                $"reader.Send: {sendHow}; writer.Recv: {recvHow}");
        }
    }

    /// <summary>Refused means CPython's OSError analogue (an IOException); anything else is reported, not counted.</summary>
    private static (bool, string) Refused(Action call)
    {
        try
        {
            call();
            return (false, "no error");
        }
        catch (IOException e)
        {
            return (true, $"{e.GetType().Name}: {e.Message}");
        }
        catch (Exception e)
        {
            return (false, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
