namespace Reelay.Hosting;

/// <summary>An expected CLI failure: printed as one clear line, ends the process with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
