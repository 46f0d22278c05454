namespace Reelay.Client;

/// <summary>One page of videos, newest first.</summary>
public sealed record VideoList
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object { get; init; } = "list";
    public IReadOnlyList<Video> Data { get; init; } = [];
    /// <summary>True when another page follows; pass <see cref="NextCursor"/> as <c>after</c> to get it.</summary>
    public bool HasMore { get; init; }
    public string? NextCursor { get; init; }
}
