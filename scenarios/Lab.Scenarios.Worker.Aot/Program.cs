// The lab's Native AOT worker: registers the targets compiled into it (generated), then runs as Lab.Engine.Worker does.
Lab.Engine.Generated.AotWorkerTargets.Register();
return Lab.Engine.ProcessTargets.RunWorker(args);
