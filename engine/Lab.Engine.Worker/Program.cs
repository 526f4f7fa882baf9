// The engine's child process: everything it does is in Lab.Engine (Worker/WorkerEntry.cs, Worker/WorkerMain.cs).
return Lab.Engine.Worker.WorkerEntry.Run(args);
