using Lab.Engine.Scheduling;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab run`, `lab explore` and `lab replay` run engine code under the controlled scheduler (the systematic area, the
/// engine.* programs), so they turn the engine's scheduling hooks on before anything uses the engine. `lab bench`
/// does not: there the hooks compile to nothing, as in any program that uses the engine.
/// </summary>
internal static class SchedulingHooks
{
    public static void Enable() => AppContext.SetSwitch(EngineScheduling.SwitchName, true);
}
