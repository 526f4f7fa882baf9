// The lab's Native AOT worker host: an application that is its own worker (README.md, "Native AOT workers"). It
// registers the targets compiled into it (generated), then starts with the guard, as any such application does.
using Lab.Scenarios.Worker.Aot;

Lab.Engine.Generated.AotWorkerTargets.Register();
var demo = Environment.GetEnvironmentVariable(MainGuardDemo.Variable);
// An application that forgot the guard: it starts a process first (scenario start-methods.main-guard).
if (demo == "unguarded") return MainGuardDemo.Run();
if (Lab.Engine.Multiprocessing.RunIfChild(args) is { } exitCode) return exitCode;
if (demo == "guarded") return MainGuardDemo.Run();
Console.Error.WriteLine("Lab.Scenarios.Worker.Aot is the lab's Native AOT worker: the engine starts it (with --lab-engine-child); it does nothing on its own.");
return 2;
