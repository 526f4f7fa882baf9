namespace Lab.Engine;

/// <summary>
/// Marks a static method as a process target that a Native AOT worker can run (issue #11). A Native AOT executable cannot
/// load assemblies or find methods by metadata token, so its targets come from a table compiled into it: the target
/// generator (engine/Lab.Engine.TargetGenerator, referenced as an analyzer) emits one direct call per marked method of
/// the assembly, and an AOT worker host that references the assembly registers them. An unmarked target still runs, on
/// the JIT worker (engine/README.md, "Which worker runs a child").
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ProcessTargetAttribute : Attribute;
