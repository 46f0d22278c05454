using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Webhooks;

namespace Reelay.Api.Admin;

/// <summary>
/// <c>/v1/admin/keys</c> (admin keys only): create, list, show, change limits of, revoke keys and rotate their
/// webhook secrets. Errors are native problem+json; secrets appear only in the create and rotate answers.
/// </summary>
public static class AdminKeysApi
{
    public static IEndpointRouteBuilder MapAdminKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin/keys").WithTags("Admin")
            .AddEndpointFilter<BearerAuthFilter>()
            .AddEndpointFilter<AdminOnlyFilter>();
        group.MapPost("", CreateAsync).WithName("CreateKey");
        group.MapGet("", ListAsync).WithName("ListKeys");
        group.MapGet("/{id}", GetAsync).WithName("GetKey");
        group.MapPatch("/{id}", UpdateAsync).WithName("UpdateKey");
        group.MapDelete("/{id}", RevokeAsync).WithName("RevokeKey");
        group.MapPost("/{id}/webhook-secret/rotate", RotateWebhookSecretAsync).WithName("RotateKeyWebhookSecret");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, KeyIssuer issuer, IOptions<ReelayOptions> options)
    {
        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request);
        if (tooLarge) return Problems.TooLarge(options.Value.MaxRequestBodyBytes);
        if (doc is null) return Problems.MalformedJson(error!);
        using (doc)
        {
            var errors = new FieldErrors();
            if (AdminKeyRequestReader.ReadCreate(doc.RootElement, errors) is not { } create) return Problems.Validation(errors);
            var issued = await issuer.CreateAsync(create.Name, create.Role, create.Limits, http.RequestAborted);
            http.Response.Headers.Location = $"/v1/admin/keys/{issued.Key.Id}";
            return Results.Json(AdminIssuedKeyView.From(issued), UpstreamsApi.SnakeCase, statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, IKeyStore keys)
    {
        var all = await keys.ListAsync(http.RequestAborted);
        return Results.Json(new { @object = "list", data = all.Select(AdminKeyView.From) }, UpstreamsApi.SnakeCase);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IKeyStore keys)
    {
        var key = Guid.TryParse(id, out var keyId) ? await keys.GetAsync(keyId, http.RequestAborted) : null;
        return key is null ? Problems.NotFound($"Key '{id}'") : Results.Json(AdminKeyView.From(key), UpstreamsApi.SnakeCase);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, KeyIssuer issuer, IOptions<ReelayOptions> options)
    {
        if (!Guid.TryParse(id, out var keyId)) return Problems.NotFound($"Key '{id}'");
        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request);
        if (tooLarge) return Problems.TooLarge(options.Value.MaxRequestBodyBytes);
        if (doc is null) return Problems.MalformedJson(error!);
        using (doc)
        {
            var errors = new FieldErrors();
            var patch = AdminKeyRequestReader.ReadPatch(doc.RootElement, errors);
            if (patch is null) return Problems.Validation(errors);
            var key = await issuer.UpdateSettingsAsync(keyId, patch, http.RequestAborted);
            return key is null ? Problems.NotFound($"Key '{id}'") : Results.Json(AdminKeyView.From(key), UpstreamsApi.SnakeCase);
        }
    }

    /// <summary>Idempotent: revoking a revoked key answers 204 again; only an unknown key is 404.</summary>
    private static async Task<IResult> RevokeAsync(string id, HttpContext http, KeyIssuer issuer, IKeyStore keys)
    {
        if (!Guid.TryParse(id, out var keyId)) return Problems.NotFound($"Key '{id}'");
        if (await issuer.RevokeAsync(keyId, http.RequestAborted)) return Results.NoContent();
        return await keys.GetAsync(keyId, http.RequestAborted) is null ? Problems.NotFound($"Key '{id}'") : Results.NoContent();
    }

    private static async Task<IResult> RotateWebhookSecretAsync(string id, HttpContext http, KeyIssuer issuer, IOptions<WebhookOptions> webhooks)
    {
        if (!Guid.TryParse(id, out var keyId)) return Problems.NotFound($"Key '{id}'");
        var rotated = await issuer.RotateWebhookSecretAsync(keyId, http.RequestAborted);
        if (rotated is null) return Problems.NotFound($"Active key '{id}'");
        var grace = webhooks.Value.SecretRotationGrace;
        var until = grace > TimeSpan.Zero ? (rotated.Key.WebhookSecretRotatedAt + grace)?.ToUnixTimeSeconds() : null;
        return Results.Json(new AdminRotatedSecretView(AdminKeyView.From(rotated.Key), rotated.WebhookSecret, until), UpstreamsApi.SnakeCase);
    }
}
