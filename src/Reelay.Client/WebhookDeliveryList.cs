namespace Reelay.Client;

/// <summary>The webhook delivery log of one video.</summary>
public sealed record WebhookDeliveryList
{
    /// <summary>Always <c>list</c>.</summary>
    public string Object { get; init; } = "list";
    public IReadOnlyList<WebhookDelivery> Data { get; init; } = [];
}
