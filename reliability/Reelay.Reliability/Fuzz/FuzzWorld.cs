namespace Reelay.Reliability.Fuzz;

/// <summary>What the fuzzer knows about the server it attacks: keys, each key's real job ids, a valid image.</summary>
public sealed record FuzzWorld(FuzzKey Own, FuzzKey OtherUser, FuzzKey Admin, FuzzKey Revoked,
    IReadOnlyList<string> OwnJobIds, IReadOnlyList<string> OtherJobIds, byte[] ValidPng)
{
    public string ValidPngBase64 { get; } = Convert.ToBase64String(ValidPng);

    /// <summary>The hostile image payloads, built once (bombs carry computed CRCs) rather than per request.</summary>
    public IReadOnlyList<byte[]> HostileImages { get; } = Fuzz.HostileImages.All(ValidPng);
}
