namespace Reelay.Api.Native;

/// <summary>Data of one server-sent event on <c>/v1/videos/{id}/events</c>.</summary>
public sealed record NativeJobEvent(string Id, string Type, string Status, int Progress, long At);
