namespace Reelay.Hosting;

/// <summary>This node's name in leases (job claims, webhook outbox); unique per running process in a cluster.</summary>
public sealed record NodeIdentity(string Id);
