using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class WrongEndRefusedScenario : Scenario
{
    public override string Id => "pipes.wrong-end-refused";
    public override string Rule => "A one-way pipe's receiving end refuses send ('connection is read-only') and its sending end refuses recv ('connection is write-only').";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Pipe(duplex=False); multiprocessing/connection.py _check_readable/_check_writable";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("send_on_reader_refused=true;recv_on_writer_refused=true")];
}
