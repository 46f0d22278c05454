using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.Api.Admin;
using Reelay.Hosting;
using Spectre.Console;

namespace Reelay.Cli;

/// <summary>
/// <c>reelay keys create|list|revoke|limits|rotate-webhook-secret</c>: manages API keys in the data directory's store,
/// or on a server through its admin API (<c>--server</c> with an admin <c>--key</c>).
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage API keys (the store of --data-dir, or a server's admin API with --server)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        command.Subcommands.Add(KeysTopUpCommand.Create());
        command.Subcommands.Add(SetLimits());
        command.Subcommands.Add(RotateWebhookSecret());
        return command;
    }

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "A label for the key", DefaultValueFactory = _ => "default" };
        var role = new Option<string>("--role") { Description = "user or admin", DefaultValueFactory = _ => "user" };
        role.AcceptOnlyFromAmong("user", "admin");
        var callbackUrl = new Option<string?>("--leonardo-callback-url") { Description = "Callback URL for jobs created through the Leonardo dialect" };
        var callbackKey = new Option<string?>("--leonardo-callback-key") { Description = "Sent as 'authorization: Bearer <key>' with Leonardo callbacks" };
        var limits = new KeyLimitOptions();
        var (server, key, json) = (CliOptions.Server(), CliOptions.Key(), CliOptions.Json());
        var command = new Command("create", "Create a key and print its secrets (shown only once)") { name, role, callbackUrl, callbackKey, server, key, json };
        limits.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            // Checked before the key exists, so a typo leaves no half-configured key behind.
            var url = parse.GetValue(callbackUrl);
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
                throw new CliException("--leonardo-callback-url must be an absolute http(s) URL");
            if (url is null && parse.GetValue(callbackKey) is not null)
                throw new CliException("--leonardo-callback-key needs --leonardo-callback-url");
            if (url is not null && parse.GetValue(server) is not null)
                throw new CliException("--leonardo-callback-url works only embedded (without --server)");
            var (_, keyLimits) = limits.ToPatch(parse).ApplyTo("", KeyLimits.None);

            using var admin = await OpenAsync(parse, server, key, ct);
            var issued = await admin.CreateAsync(parse.GetValue(name)!, parse.GetValue(role) == "admin" ? ApiKeyRole.Admin : ApiKeyRole.User, keyLimits, ct);
            if (url is not null && admin is EmbeddedKeyAdmin embedded)
                await embedded.Services.GetRequiredService<IKeyStore>().SetAccountCallbackAsync(issued.Key.Id, url, parse.GetValue(callbackKey), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    id = issued.Key.Id,
                    name = issued.Key.Name,
                    role = issued.Key.Role,
                    secret = issued.Secret,
                    token = issued.Token,
                    webhook_secret = issued.WebhookSecret,
                    requests_per_minute = issued.Key.RequestsPerMinute,
                    max_concurrent_jobs = issued.Key.MaxConcurrentJobs,
                    allowed_models = issued.Key.AllowedModels,
                }));
            }
            else
            {
                KeyPrinter.Print(Console.Out, issued);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var (server, key, json) = (CliOptions.Server(), CliOptions.Key(), CliOptions.Json());
        var command = new Command("list", "List keys and their limits (never their secrets)") { server, key, json };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<AdminKeyView> keys;
            using (var admin = await OpenAsync(parse, server, key, ct)) keys = await admin.ListAsync(ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(keys, Api.UpstreamsApi.SnakeCase));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("id", "name", "role", "created", "state", "rpm", "concurrent", "models");
            foreach (var k in keys)
            {
                table.AddRow(k.Id.ToString(), Markup.Escape(k.Name), k.Role, DateTimeOffset.FromUnixTimeSeconds(k.CreatedAt).ToString("u"), k.State,
                    k.RequestsPerMinute?.ToString() ?? "-", k.MaxConcurrentJobs?.ToString() ?? "-", Markup.Escape(Models(k)));
            }
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<Guid>("id") { Description = "Key id (UUID)" };
        var (server, key) = (CliOptions.Server(), CliOptions.Key());
        var command = new Command("revoke", "Revoke a key; requests with it fail from then on") { id, server, key };
        command.SetAction(async (parse, ct) =>
        {
            using var admin = await OpenAsync(parse, server, key, ct);
            if (!await admin.RevokeAsync(parse.GetValue(id), ct)) throw new CliException($"no active key {parse.GetValue(id)}");
            Console.WriteLine($"revoked {parse.GetValue(id)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetLimits()
    {
        var id = new Argument<Guid>("id") { Description = "Key id (UUID)" };
        var name = new Option<string?>("--name") { Description = "A new label for the key" };
        var limits = new KeyLimitOptions();
        var (server, key, json) = (CliOptions.Server(), CliOptions.Key(), CliOptions.Json());
        var command = new Command("limits", "Show or change a key's limits; options left out keep their value ('none' / 'all' clear one)") { id, name, server, key, json };
        limits.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var patch = limits.ToPatch(parse, parse.GetValue(name));
            using var admin = await OpenAsync(parse, server, key, ct);
            var updated = await admin.UpdateAsync(parse.GetValue(id), patch, ct) ?? throw new CliException($"no key {parse.GetValue(id)}");
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(updated, Api.UpstreamsApi.SnakeCase));
                return ExitCodes.Ok;
            }
            Console.WriteLine($"key {updated.Id} '{updated.Name}' ({updated.State})");
            Console.WriteLine($"  requests per minute  {updated.RequestsPerMinute?.ToString() ?? "unlimited"}");
            Console.WriteLine($"  max concurrent jobs  {updated.MaxConcurrentJobs?.ToString() ?? "unlimited"}");
            Console.WriteLine($"  allowed models       {Models(updated)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RotateWebhookSecret()
    {
        var id = new Argument<Guid>("id") { Description = "Key id (UUID)" };
        var (server, key, json) = (CliOptions.Server(), CliOptions.Key(), CliOptions.Json());
        var command = new Command("rotate-webhook-secret",
            "Give a key a new webhook signing secret; the previous one keeps signing alongside it for the grace period") { id, server, key, json };
        command.SetAction(async (parse, ct) =>
        {
            using var admin = await OpenAsync(parse, server, key, ct);
            var rotated = await admin.RotateWebhookSecretAsync(parse.GetValue(id), ct) ?? throw new CliException($"no active key {parse.GetValue(id)}");
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rotated, Api.UpstreamsApi.SnakeCase));
                return ExitCodes.Ok;
            }
            Console.WriteLine($"new webhook secret for key {rotated.Key.Id} — store it now, it is not shown again:");
            Console.WriteLine($"  webhook secret {rotated.WebhookSecret}");
            Console.WriteLine(rotated.PreviousSecretValidUntil is { } until
                ? $"  the previous secret also signs until {DateTimeOffset.FromUnixTimeSeconds(until):u}"
                : "  the previous secret no longer signs");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Models(AdminKeyView key) => key.AllowedModels is { } models ? string.Join(",", models) : "all";

    private static async Task<IKeyAdmin> OpenAsync(ParseResult parse, Option<string?> server, Option<string?> key, CancellationToken ct)
    {
        if (parse.GetValue(server) is { } url) return new RemoteKeyAdmin(url, parse.GetValue(key));
        var host = ReelayHost.BuildEmbedded(parse.GetValue(CliOptions.DataDir), []);
        try
        {
            await host.Services.GetRequiredService<Storage.IJobStore>().MigrateAsync(ct);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new EmbeddedKeyAdmin(host);
    }
}
