using System.Text.Json;
using Reelay.Accounts;
using Reelay.Credits;
using Reelay.Jobs;

namespace Reelay.Api.Credits;

/// <summary>
/// Credits in the native API: <c>GET /v1/balance</c> (the caller's account), <c>GET /v1/usage</c> (JSON, or CSV with
/// <c>Accept: text/csv</c> / <c>format=csv</c>; admins see every key and may filter by <c>key_id</c>, others only
/// themselves) and <c>POST /v1/admin/keys/{id}/credits</c> (admin keys: top up a key).
/// </summary>
public static class CreditsApi
{
    public static IEndpointRouteBuilder MapCreditsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/balance", GetBalanceAsync).WithTags("Credits").WithName("GetBalance").AddEndpointFilter<BearerAuthFilter>();
        app.MapGet("/v1/usage", GetUsageAsync).WithTags("Credits").WithName("GetUsage").AddEndpointFilter<BearerAuthFilter>();
        app.MapPost("/v1/admin/keys/{id}/credits", TopUpAsync).WithTags("Credits").WithName("TopUpKey").AddEndpointFilter<BearerAuthFilter>();
        return app;
    }

    private static async Task<IResult> GetBalanceAsync(HttpContext http, ICreditStore credits) =>
        Results.Json(BalanceBody(await credits.GetBalanceAsync(http.Caller().Id.ToString(), http.RequestAborted)), UpstreamsApi.SnakeCase);

    private static async Task<IResult> GetUsageAsync(HttpContext http, ICreditStore credits, TimeProvider time,
        string? from, string? to, string? group_by, string? key_id, string? format)
    {
        var caller = http.Caller();
        var errors = new FieldErrors();
        if (format is not (null or "json" or "csv")) errors.Add("format", "must be json or csv");
        string? keyFilter = caller.Id.ToString();
        if (caller.Role == ApiKeyRole.Admin) keyFilter = key_id is { Length: > 0 } ? key_id : null;
        else if (key_id is { Length: > 0 } && !string.Equals(key_id, keyFilter, StringComparison.OrdinalIgnoreCase))
            return Problems.Forbidden("A user key sees only its own usage.");
        var query = UsageRequest.Read(from, to, group_by, keyFilter, time.GetUtcNow(), errors);
        if (query is null || !errors.IsEmpty) return Problems.Validation(errors);

        var rows = await credits.UsageAsync(query, http.RequestAborted);
        var csv = format == "csv" || (format is null && http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        if (csv) return Results.Text(UsageCsv.Write(query.GroupBy, rows), "text/csv; charset=utf-8");
        return Results.Json(new
        {
            @object = "usage",
            group_by = UsageCsv.GroupColumn(query.GroupBy) == "key_id" ? "key" : UsageCsv.GroupColumn(query.GroupBy),
            from = query.From,
            to = query.To,
            key_id = query.KeyId,
            data = rows.Select(r => new
            {
                group = r.Group,
                jobs = r.Jobs,
                settled = r.Settled,
                refunds = r.Refunds,
                reserved = r.Reserved,
                refunded = r.Refunded,
                charged = r.Charged,
                topups = r.TopUps,
            }),
        }, UpstreamsApi.SnakeCase);
    }

    private static async Task<IResult> TopUpAsync(string id, HttpContext http, ICreditStore credits, IKeyStore keys, TimeProvider time)
    {
        if (http.Caller().Role != ApiKeyRole.Admin) return Problems.Forbidden("Topping up credits needs an admin key.");
        if (!Guid.TryParse(id, out var keyId) || await keys.GetAsync(keyId, http.RequestAborted) is null) return Problems.NotFound($"Key '{id}'");
        var (doc, error, _) = await RequestBodies.ReadJsonAsync(http.Request);
        if (doc is null) return Problems.MalformedJson(error!);
        using (doc)
        {
            var errors = new FieldErrors();
            decimal amount = 0;
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("amount", out var a))
                errors.Add("amount", "is required");
            else if (a.ValueKind != JsonValueKind.Number || !a.TryGetDecimal(out amount) || amount <= 0 || !CreditUnits.IsExact(amount))
                errors.Add("amount", "must be a number of credits > 0 with at most 6 decimals");
            if (!errors.IsEmpty) return Problems.Validation(errors);
            var balance = await credits.TopUpAsync(keyId.ToString(), amount, time.GetUtcNow(), http.RequestAborted);
            return Results.Json(BalanceBody(balance), UpstreamsApi.SnakeCase);
        }
    }

    private static object BalanceBody(CreditBalance b) => new
    {
        @object = "balance",
        key_id = b.KeyId,
        // Unlimited keys are never refused; their balance is minus what they spent (the ledger sum either way).
        unlimited = !b.Limited,
        balance = b.Balance,
    };
}
