namespace Reelay.Hosting;

/// <summary>A setting could not be read or is out of range; the message names it as written in configuration.</summary>
public sealed class InvalidConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
