namespace Reelay.Hosting;

/// <summary>This process's name in leases (job and webhook), unique per running node.</summary>
public sealed record NodeIdentity(string Id);
