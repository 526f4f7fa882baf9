// Engine namespaces the tests use everywhere: the forkserver (Forking/) and /proc parsing (Diagnostics/ProcStat.cs).
global using Lab.Engine.Diagnostics;
global using Lab.Engine.Forking;
