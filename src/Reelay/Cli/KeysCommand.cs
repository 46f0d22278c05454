using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.Hosting;
using Spectre.Console;

namespace Reelay.Cli;

/// <summary><c>reelay keys create|list|revoke</c>: manages API keys directly in the data directory's store.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage API keys (works on the store of --data-dir)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        command.Subcommands.Add(KeysTopUpCommand.Create());
        return command;
    }

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "A label for the key", DefaultValueFactory = _ => "default" };
        var role = new Option<string>("--role") { Description = "user or admin", DefaultValueFactory = _ => "user" };
        role.AcceptOnlyFromAmong("user", "admin");
        var callbackUrl = new Option<string?>("--leonardo-callback-url") { Description = "Callback URL for jobs created through the Leonardo dialect" };
        var callbackKey = new Option<string?>("--leonardo-callback-key") { Description = "Sent as 'authorization: Bearer <key>' with Leonardo callbacks" };
        var json = CliOptions.Json();
        var command = new Command("create", "Create a key and print its secrets (shown only once)") { name, role, callbackUrl, callbackKey, json };
        command.SetAction(async (parse, ct) =>
        {
            // Checked before the key exists, so a typo leaves no half-configured key behind.
            var url = parse.GetValue(callbackUrl);
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
                throw new CliException("--leonardo-callback-url must be an absolute http(s) URL");
            if (url is null && parse.GetValue(callbackKey) is not null)
                throw new CliException("--leonardo-callback-key needs --leonardo-callback-url");
            using var host = await OpenAsync(parse, ct);
            var issued = await host.Services.GetRequiredService<KeyIssuer>().CreateAsync(
                parse.GetValue(name)!, parse.GetValue(role) == "admin" ? ApiKeyRole.Admin : ApiKeyRole.User, ct);
            if (url is not null)
                await host.Services.GetRequiredService<IKeyStore>().SetLeonardoCallbackAsync(issued.Key.Id, url, parse.GetValue(callbackKey), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    id = issued.Key.Id,
                    name = issued.Key.Name,
                    role = issued.Key.Role.ToString().ToLowerInvariant(),
                    secret = issued.Secret,
                    token = issued.Token,
                    webhook_secret = issued.WebhookSecret,
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
        var json = CliOptions.Json();
        var command = new Command("list", "List keys (never their secrets)") { json };
        command.SetAction(async (parse, ct) =>
        {
            using var host = await OpenAsync(parse, ct);
            var keys = await host.Services.GetRequiredService<IKeyStore>().ListAsync(ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(keys.Select(k => new
                {
                    id = k.Id,
                    name = k.Name,
                    role = k.Role.ToString().ToLowerInvariant(),
                    created_at = k.CreatedAt,
                    revoked_at = k.RevokedAt,
                    leonardo_callback_url = k.LeonardoCallbackUrl,
                })));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("id", "name", "role", "created", "state");
            foreach (var k in keys)
                table.AddRow(k.Id.ToString(), Markup.Escape(k.Name), k.Role.ToString().ToLowerInvariant(), k.CreatedAt.ToString("u"), k.IsActive ? "active" : "revoked");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<Guid>("id") { Description = "Key id (UUID)" };
        var command = new Command("revoke", "Revoke a key; requests with it fail from then on") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var host = await OpenAsync(parse, ct);
            var ok = await host.Services.GetRequiredService<KeyIssuer>().RevokeAsync(parse.GetValue(id), ct);
            if (!ok) throw new CliException($"no active key {parse.GetValue(id)}");
            Console.WriteLine($"revoked {parse.GetValue(id)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<Microsoft.Extensions.Hosting.IHost> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var host = ReelayHost.BuildEmbedded(parse.GetValue(CliOptions.DataDir), []);
        await host.Services.GetRequiredService<Storage.IJobStore>().MigrateAsync(ct);
        return host;
    }
}
