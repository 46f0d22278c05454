using Reelay.Jobs;

namespace Reelay.Storage;

/// <summary>A page request over jobs, newest first. <see cref="BeforeId"/> is the cursor (ids sort by creation time).</summary>
public sealed record JobQuery(string? OwnerKeyId, JobStatus? Status = null, string? BeforeId = null, int Limit = 20);
