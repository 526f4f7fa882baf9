// Engine namespaces that moved to match the engine's folders (ForkServer: Lab.Engine -> Lab.Engine.Forking), so the
// scenarios' own files need not change.
global using Lab.Engine.Forking;
