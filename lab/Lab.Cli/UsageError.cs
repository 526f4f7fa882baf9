namespace Lab.Cli;

/// <summary>Bad input from the command line: printed as one line, exit code 2, no stack trace.</summary>
public sealed class UsageError(string message) : Exception(message);
