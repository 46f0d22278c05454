namespace Reelay.Api.Native;

/// <summary>A page of videos, newest first. Pass <see cref="NextCursor"/> as <c>after</c> for the next page.</summary>
public sealed record NativeVideoList(IReadOnlyList<NativeVideo> Data, bool HasMore, string? NextCursor)
{
    public string Object { get; init; } = "list";
}
