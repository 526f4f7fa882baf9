using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Managers;

/// <summary>A client connects to the manager's address with a wrong key. raised: authentication_error (the
/// challenge failed), none (it got in) or another error's name; serves_after: whether the manager still serves its
/// own proxies afterwards.</summary>
public sealed class UnauthenticatedRefusedScenario : Scenario
{
    public override string Id => "managers.unauthenticated-refused";
    public override string Rule => "A connection to a manager without its authentication key is refused by the HMAC challenge, and the manager goes on serving.";
    public override string Source => "seeds 59.18 Managers; CPython docs, 'Authentication keys'; connection.py (deliver_challenge, answer_challenge)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=authentication_error;serves_after=true")];
}
