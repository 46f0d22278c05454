using Reelay.Accounts;
using Reelay.Security;

namespace Reelay.Reliability.Fuzz;

/// <summary>One API key the fuzzer holds, and how each dialect presents it.</summary>
public sealed record FuzzKey(IssuedKey Issued)
{
    public string Token => Issued.Token;

    /// <summary>Sets this key's credentials on <paramref name="request"/> the way <paramref name="dialect"/> sends them.</summary>
    public void Apply(HttpRequestMessage request, FuzzDialect dialect)
    {
        switch (dialect)
        {
            case FuzzDialect.Kling:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Jwt(DateTimeOffset.UtcNow, Issued.Secret));
                break;
            case FuzzDialect.Higgsfield:
                request.Headers.TryAddWithoutValidation("hf-api-key", Issued.Key.Id.ToString("D"));
                request.Headers.TryAddWithoutValidation("hf-secret", Issued.Secret);
                break;
            case FuzzDialect.ApiFrame:
                request.Headers.TryAddWithoutValidation("Authorization", Token);
                break;
            default:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
                break;
        }
    }

    /// <summary>A Kling JWT for this key's id signed with <paramref name="secret"/> (the real one, or not).</summary>
    public string Jwt(DateTimeOffset now, string secret, TimeSpan? lifetime = null) =>
        Hs256Jwt.Create(Issued.Key.Id.ToString("D"), secret, now, lifetime ?? TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
}
