using Reelay.Jobs;

namespace Reelay.Storage;

/// <summary>
/// A page request over jobs, newest first. <see cref="BeforeId"/> is the cursor (ids sort by creation time), so
/// pages stay stable while new jobs arrive. Every filter given must hold (AND); null means "any".
/// </summary>
/// <param name="CreatedFrom">Only jobs created at or after this instant.</param>
/// <param name="CreatedBefore">Only jobs created strictly before this instant.</param>
/// <param name="PromptContains">Case-insensitive (ASCII letters) substring of the prompt; empty means any.</param>
public sealed record JobQuery(
    string? OwnerKeyId,
    JobStatus? Status = null,
    string? BeforeId = null,
    int Limit = 20,
    string? Model = null,
    string? Dialect = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    string? PromptContains = null)
{
    /// <summary>The filters in use as bits, in the order <see cref="Rows.JobListSql"/> numbers them.</summary>
    internal int Shape =>
        (OwnerKeyId is null ? 0 : 1) |
        (Status is null ? 0 : 2) |
        (BeforeId is null ? 0 : 4) |
        (Model is null ? 0 : 8) |
        (Dialect is null ? 0 : 16) |
        (CreatedFrom is null ? 0 : 32) |
        (CreatedBefore is null ? 0 : 64) |
        (string.IsNullOrEmpty(PromptContains) ? 0 : 128);
}
