namespace Reelay.Api;

/// <summary>
/// Endpoint metadata: how a dialect says "a dependency is unavailable, retry later" (503) in its own error shape.
/// <see cref="DependencyUnavailableHandler"/> uses it for the endpoint that failed; endpoints without it answer native
/// problem+json. The argument is the message.
/// </summary>
public sealed record UnavailableAnswer(Func<string, IResult> Make);
