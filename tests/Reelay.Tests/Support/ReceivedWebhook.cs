namespace Reelay.Tests.Support;

/// <summary>One request as the test receiver saw it; header names lower-cased.</summary>
public sealed record ReceivedWebhook(string Method, IReadOnlyDictionary<string, string> Headers, string Body, string? ContentType);
