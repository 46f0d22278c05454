using System.Net.Http.Headers;
using System.Text;

namespace Reelay.Reliability.Fuzz;

/// <summary>
/// Builds one hostile request for a target: route values (real ids of the caller and of others, traversal,
/// encodings, oversize), query values, credentials in the dialect's style (or wrong, forged, revoked, missing), a
/// content type, and a mutated body. Seeded: the same seed yields the same sequence of requests.
/// </summary>
public sealed class FuzzRequestFactory(Random random, FuzzWorld world)
{
    private readonly JsonMutator _mutator = new(random, world);

    public (HttpRequestMessage Request, string Summary) Create(FuzzTarget target)
    {
        var path = new StringBuilder(target.Pattern);
        foreach (var name in target.Parameters)
            path.Replace("{" + name + "}", PathValue(name)).Replace("{" + name + "?}", PathValue(name)).Replace("{*" + name + "}", PathValue(name));
        var query = Query();
        var request = new HttpRequestMessage(new HttpMethod(target.Method), path + query);
        var auth = Auth(target, request);
        var mutation = "";
        if (target.Method is "POST" or "PUT" or "PATCH")
        {
            byte[] body;
            if (target.SeedKey.Contains("init-image-upload", StringComparison.Ordinal)) (body, mutation) = Multipart(request);
            else (body, mutation) = _mutator.Mutate(SeedBodies.For(target.SeedKey, random));
            if (request.Content is null)
            {
                request.Content = new ByteArrayContent(body);
                var type = random.Next(20) switch
                {
                    0 => "text/plain",
                    1 => null,
                    2 => "multipart/form-data; boundary=x",
                    3 => "application/x-www-form-urlencoded",
                    4 => "application/json; charset=utf-16",
                    _ => "application/json",
                };
                if (type is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        if (random.Next(50) == 0) request.Headers.TryAddWithoutValidation("X-Fuzz", new string('h', random.Next(1, 40) * 1024));
        if (random.Next(50) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(3) == 0 ? new string('k', 5000) : "key-" + random.Next(20));
        if (random.Next(50) == 0) request.Headers.TryAddWithoutValidation("Prefer", random.Next(2) == 0 ? "wait=999999" : "wait=-5");
        if (random.Next(50) == 0) request.Headers.TryAddWithoutValidation("Range", random.Next(2) == 0 ? "bytes=999999999-" : "bytes=5-1,0-0,-0");
        if (random.Next(50) == 0) request.Headers.TryAddWithoutValidation("Last-Event-ID", random.Next(2) == 0 ? "-1" : "99999999999999999999");
        var summary = $"{target.Method} {Truncate(path + query, 160)} auth={auth} body={mutation}";
        return (request, summary);
    }

    private string PathValue(string name)
    {
        var roll = random.Next(10);
        if (roll < 5 && world.OwnJobIds.Count > 0) return world.OwnJobIds[random.Next(world.OwnJobIds.Count)];
        if (roll < 6 && world.OtherJobIds.Count > 0) return world.OtherJobIds[random.Next(world.OtherJobIds.Count)];
        if (roll < 7) return Guid.NewGuid().ToString(random.Next(2) == 0 ? "D" : "N");
        if (name is "upstream" && roll < 8) return random.Next(2) == 0 ? "kling" : "apiframe";
        return HostileValues.PathSegments[random.Next(HostileValues.PathSegments.Length)];
    }

    private string Query()
    {
        var n = random.Next(10) < 6 ? 0 : random.Next(1, 4);
        if (n == 0) return "";
        var parts = Enumerable.Range(0, n).Select(_ =>
            $"{HostileValues.QueryNames[random.Next(HostileValues.QueryNames.Length)]}={HostileValues.QueryValues[random.Next(HostileValues.QueryValues.Length)]}");
        return "?" + string.Join('&', parts);
    }

    private FuzzAuth Auth(FuzzTarget target, HttpRequestMessage request)
    {
        var roll = random.Next(100);
        var auth = roll switch
        {
            < 70 => FuzzAuth.Own,
            < 75 => FuzzAuth.OtherUser,
            < 80 => FuzzAuth.Admin,
            < 85 => FuzzAuth.None,
            < 90 => FuzzAuth.Garbage,
            < 93 => FuzzAuth.Revoked,
            _ => FuzzAuth.Forged,
        };
        var dialect = target.Dialect == FuzzDialect.Other ? FuzzDialect.Native : target.Dialect;
        switch (auth)
        {
            case FuzzAuth.Own: world.Own.Apply(request, dialect); break;
            case FuzzAuth.OtherUser: world.OtherUser.Apply(request, dialect); break;
            case FuzzAuth.Admin: world.Admin.Apply(request, dialect); break;
            case FuzzAuth.Revoked: world.Revoked.Apply(request, dialect); break;
            case FuzzAuth.Garbage:
                var garbage = random.Next(5) switch
                {
                    0 => "Bearer",
                    1 => "Bearer " + new string('x', 9000),
                    2 => "Basic dXNlcjpwYXNz",
                    3 => "Bearer rl_" + Guid.NewGuid().ToString("N") + ".",
                    _ => "Bearer ../../etc/passwd",
                };
                request.Headers.TryAddWithoutValidation("Authorization", garbage);
                if (dialect == FuzzDialect.Higgsfield)
                {
                    request.Headers.TryAddWithoutValidation("hf-api-key", "not-a-uuid");
                    request.Headers.TryAddWithoutValidation("hf-secret", "");
                }
                break;
            case FuzzAuth.Forged:
                Forge(request, dialect);
                break;
        }
        return auth;
    }

    private void Forge(HttpRequestMessage request, FuzzDialect dialect)
    {
        var key = world.Own;
        var now = DateTimeOffset.UtcNow;
        switch (dialect)
        {
            case FuzzDialect.Kling:
                var token = random.Next(4) switch
                {
                    0 => key.Jwt(now, "wrong-secret"),
                    1 => key.Jwt(now.AddHours(-2), key.Issued.Secret),             // expired
                    2 => key.Jwt(now.AddHours(2), key.Issued.Secret),              // not yet valid
                    _ => Unsigned(key.Issued.Key.Id.ToString("D")),                // alg none
                };
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                break;
            case FuzzDialect.Higgsfield:
                request.Headers.TryAddWithoutValidation("hf-api-key", key.Issued.Key.Id.ToString("D"));
                request.Headers.TryAddWithoutValidation("hf-secret", key.Issued.Secret[..^1] + (key.Issued.Secret[^1] == 'a' ? 'b' : 'a'));
                break;
            default:
                var forged = Reelay.Accounts.ApiToken.Format(key.Issued.Key.Id, "forged" + key.Issued.Secret);
                request.Headers.TryAddWithoutValidation("Authorization", dialect == FuzzDialect.ApiFrame ? forged : "Bearer " + forged);
                break;
        }
    }

    private static string Unsigned(string issuer)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"iss\":\"{issuer}\",\"exp\":{now + 1800},\"nbf\":{now - 5}}}")}.";
    }

    /// <summary>Leonardo's presigned upload: a multipart form with fields (maybe forged) and a file (maybe hostile).</summary>
    private (byte[] Body, string Mutation) Multipart(HttpRequestMessage request)
    {
        var form = new MultipartFormDataContent();
        var images = world.HostileImages;
        foreach (var field in new[] { "key", "policy", "x-amz-signature", "x-amz-date", "Content-Type" })
            if (random.Next(3) > 0) form.Add(new StringContent(random.Next(4) == 0 ? "forged" : HostileValues.QueryValues[random.Next(HostileValues.QueryValues.Length)]), field);
        var file = random.Next(3) == 0 ? world.ValidPng : images[random.Next(images.Count)];
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", random.Next(4) == 0 ? "../../evil.png" : "a.png");
        request.Content = form;
        return ([], "multipart");
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}
