using Reelay.Jobs;

namespace Reelay.Storage.Rows;

/// <summary>A job with its JSON columns already serialized, ready to bind on the writer connection.</summary>
public readonly record struct PreparedJob(VideoJob Job, string RequestJson, string? OutputsJson);
