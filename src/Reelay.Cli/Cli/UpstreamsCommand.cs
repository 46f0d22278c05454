using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Hosting;
using Reelay.Upstreams;
using Spectre.Console;

namespace Reelay.Cli;

/// <summary><c>reelay upstreams</c>: each configured upstream's health — from a server (admin key) or from this node's configuration.</summary>
public static class UpstreamsCommand
{
    public static Command Create()
    {
        var (server, key, json) = (CliOptions.Server(), CliOptions.Key(), CliOptions.Json());
        var command = new Command("upstreams", "Show configured upstreams: circuit state, in-flight jobs, recent errors") { server, key, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            string body;
            if (parse.GetValue(server) is { } url)
            {
                if (parse.GetValue(key) is not { Length: > 0 } token) throw new CliException("--key (an admin key) is required with --server");
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.GetAsync("/v1/upstreams", ct);
                body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode) throw new CliException($"{(int)response.StatusCode}: {body}", (int)response.StatusCode >= 500 ? ExitCodes.Unavailable : ExitCodes.Usage);
            }
            else
            {
                using var host = ReelayHost.BuildEmbedded(parse.GetValue(CliOptions.DataDir), [.. parse.UnmatchedTokens]);
                await ReelayHost.PrepareAsync(host.Services, null, ct);
                body = JsonSerializer.Serialize(new { data = await host.Services.GetRequiredService<UpstreamRouter>().StatusAsync(ct) }, Api.UpstreamsApi.SnakeCase);
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(body);
                return ExitCodes.Ok;
            }
            using var doc = JsonDocument.Parse(body);
            var table = new Table().AddColumns("name", "type", "priority", "circuit", "in flight", "recent errors");
            foreach (var u in doc.RootElement.GetProperty("data").EnumerateArray())
            {
                var errors = u.GetProperty("recent_errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).LastOrDefault() ?? "";
                table.AddRow(Markup.Escape(u.GetProperty("name").GetString()!), u.GetProperty("type").GetString()!, u.GetProperty("priority").ToString(),
                    u.GetProperty("circuit").GetString()!, $"{u.GetProperty("in_flight")}/{u.GetProperty("max_concurrent_jobs")}", Markup.Escape(errors));
            }
            if (table.Rows.Count == 0) Console.WriteLine("no upstreams configured (Reelay:Upstreams); every job runs on the local engine");
            else AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
