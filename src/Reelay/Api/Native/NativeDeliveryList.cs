namespace Reelay.Api.Native;

public sealed record NativeDeliveryList(IReadOnlyList<NativeDelivery> Data)
{
    public string Object { get; init; } = "list";
}
