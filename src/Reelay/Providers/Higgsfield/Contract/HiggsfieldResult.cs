namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>One result file: <c>type</c> is "video"; <c>url</c> is a signed Reelay link that works without credentials.</summary>
public sealed record HiggsfieldResult(string Type, string Url);
