using Reelay.Jobs;

namespace Reelay.Tests.Storage;

/// <summary>Jobs as the store tests create them.</summary>
internal static class TestJobs
{
    /// <summary>A queued job due at <paramref name="at"/> with a deadline an hour later.</summary>
    public static VideoJob Queued(string id, DateTimeOffset at, string owner = "key-a") => new()
    {
        Id = id,
        OwnerKeyId = owner,
        Request = new VideoRequest { Model = "kling-v2-1", Prompt = "a red fox in snow" },
        Engine = "local",
        CreatedAt = at,
        UpdatedAt = at,
        DeadlineAt = at.AddHours(1),
        NextRunAt = at,
    };
}
