namespace Reelay.Jobs;

/// <summary>Why a job did not succeed. Codes are stable identifiers (see <see cref="JobErrorCodes"/>).</summary>
public sealed record JobError(string Code, string Message);
