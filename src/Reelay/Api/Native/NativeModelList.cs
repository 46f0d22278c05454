namespace Reelay.Api.Native;

public sealed record NativeModelList(IReadOnlyList<NativeModel> Data)
{
    public string Object { get; init; } = "list";
}
