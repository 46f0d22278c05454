namespace Reelay.Tests.Client;

/// <summary>A request as the fake server received it; header names lower-cased.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
