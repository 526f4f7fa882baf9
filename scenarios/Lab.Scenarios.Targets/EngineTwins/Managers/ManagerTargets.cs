using Lab.Engine;
using Lab.Engine.Managers;

namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>Targets run in engine children for the manager scenarios (seeds 59.18 Managers).</summary>
public static class ManagerTargets
{
    [ProcessTarget]
    public static void AppendHello(ListProxy list) => list.Append("hello");

    /// <summary>A plain list argument is the child's own copy.</summary>
    [ProcessTarget]
    public static void AppendHelloToPlain(List<object?> list) => list.Add("hello");

    [ProcessTarget]
    public static void AppendMany(ListProxy list, int process, int count)
    {
        for (var i = 0; i < count; i++) list.Append(new object?[] { process, i });
    }

    /// <summary>The scenarios' name for what a call raised, shared with the CPython twins.</summary>
    public static string RaisedName(Exception e) => e switch
    {
        ManagerAuthenticationError => "authentication_error",
        _ => e.GetType().Name,
    };
}
