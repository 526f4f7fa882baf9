// The engine's child process: everything it does is in Lab.Engine (Worker/WorkerMain.cs).
return Lab.Engine.Worker.WorkerMain.Run();
