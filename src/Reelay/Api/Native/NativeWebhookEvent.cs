namespace Reelay.Api.Native;

/// <summary>Body of a native webhook (Standard Webhooks layout: type, timestamp, data).</summary>
public sealed record NativeWebhookEvent(string Type, string Timestamp, NativeVideo Data);
