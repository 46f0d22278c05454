namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>The body of <c>POST /generate/kling-2-5</c>: <c>{"params":{...}}</c> (Reelay polls, so it sends no webhook).</summary>
public sealed record HiggsfieldGenerateRequest(HiggsfieldGenerateParams Params);
