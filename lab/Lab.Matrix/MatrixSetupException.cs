namespace Lab.Matrix;

/// <summary>The matrix cannot start here (no engine and no way to start one, a tool missing, a self-contained lab
/// missing): one clear line for the user, exit code 2.</summary>
public sealed class MatrixSetupException(string message) : Exception(message);
