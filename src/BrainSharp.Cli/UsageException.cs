namespace BrainSharp.Cli;

/// <summary>Bad command-line arguments found after parsing (unknown parameter in --set, value out of range...). Exit code 2.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
