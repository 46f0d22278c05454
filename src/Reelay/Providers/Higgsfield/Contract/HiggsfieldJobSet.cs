namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>
/// Higgsfield's JobSet: the answer to a generate call and to <c>GET /v1/job-sets/{id}</c>. Reelay creates one
/// job per set, so the set id and its only job id are both the Reelay job id (a UUID).
/// </summary>
/// <param name="CreatedAt">ISO-8601 UTC with microseconds, as the Python service writes it.</param>
public sealed record HiggsfieldJobSet(string Id, string CreatedAt, IReadOnlyList<HiggsfieldJob> Jobs);
