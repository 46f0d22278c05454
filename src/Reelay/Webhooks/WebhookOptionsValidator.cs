using Microsoft.Extensions.Options;

namespace Reelay.Webhooks;

/// <summary>Stops start-up on an invalid <c>Reelay:Webhooks</c> setting, naming the key.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
