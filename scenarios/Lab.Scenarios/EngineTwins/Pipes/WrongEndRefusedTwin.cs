using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>Sends on a one-way pipe's reading end and receives on its writing end; both must be refused.</summary>
public sealed class WrongEndRefusedTwin : EngineTwin
{
    public override string Id => "pipes.wrong-end-refused";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
