namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>One job of a JobSet. <see cref="Results"/> is null until the job completed (serialized as null, never omitted).</summary>
/// <param name="Status">One of <see cref="HiggsfieldJobStatus"/>.</param>
public sealed record HiggsfieldJob(string Id, string Status, HiggsfieldResults? Results);
