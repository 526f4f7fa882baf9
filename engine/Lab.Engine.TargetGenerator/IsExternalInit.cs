namespace System.Runtime.CompilerServices;

/// <summary>netstandard2.0 lacks it; records need it.</summary>
internal static class IsExternalInit;
