using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Api.Native;
using Reelay.Client;
using Reelay.Hosting;
using Reelay.Jobs;
using Spectre.Console;

namespace Reelay.Cli;

/// <summary><c>reelay jobs list|show|cancel</c>: embedded (all jobs of the data directory) or against a server.</summary>
public static class JobsCommand
{
    public static Command Create()
    {
        var command = new Command("jobs", "List, inspect and cancel jobs");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Cancel());
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "queued, in_progress, completed, failed or canceled" };
        var limit = new Option<int>("--limit") { Description = "How many (1..100)", DefaultValueFactory = _ => 20 };
        var (server, key, json) = (CliOptions.Server(), CliOptions.Key(), CliOptions.Json());
        var command = new Command("list", "List jobs, newest first") { status, limit, server, key, json };
        command.SetAction(async (parse, ct) =>
        {
            var statusText = parse.GetValue(status);
            JobStatus? filter = null;
            if (statusText is not null)
            {
                if (!JobStatusExtensions.TryParseNative(statusText, out var s)) throw new CliException($"unknown status '{statusText}'");
                filter = s;
            }
            var take = Math.Clamp(parse.GetValue(limit), 1, 100);
            IReadOnlyList<Row> rows;
            if (parse.GetValue(server) is { } url)
            {
                using var client = RemoteClient.Create(url, parse.GetValue(key));
                var page = await Remote(() => client.ListAsync(take, null, ToClientStatus(filter), ct));
                rows = [.. page.Data.Select(v => new Row(v.Id, v.Status.ToString().ToLowerInvariant(), v.Progress, v.Model ?? "", v.Dialect ?? "native", v.CreatedAt ?? DateTimeOffset.UnixEpoch, v.Prompt))];
            }
            else
            {
                using var host = await OpenAsync(parse, ct);
                var jobs = await host.Services.GetRequiredService<JobService>().ListAsync(EmbeddedCaller.Key, filter, null, take, ct);
                rows = [.. jobs.Select(j => new Row(j.Id, j.Status.ToNativeName(), j.Progress, j.Request.Model, j.Dialect, j.CreatedAt, j.Request.Prompt))];
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("id", "status", "progress", "model", "api", "created", "prompt");
            foreach (var r in rows)
                table.AddRow(r.Id, r.Status, $"{r.Progress}%", Markup.Escape(r.Model), r.Dialect, r.CreatedAt.ToString("u"), Markup.Escape(Shorten(r.Prompt)));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id");
        var (server, key) = (CliOptions.Server(), CliOptions.Key());
        var command = new Command("show", "Print one job as JSON") { id, server, key };
        command.SetAction(async (parse, ct) =>
        {
            var jobId = parse.GetValue(id)!;
            if (parse.GetValue(server) is { } url)
            {
                using var client = RemoteClient.Create(url, parse.GetValue(key));
                var video = await Remote(() => client.GetAsync(jobId, ct));
                Console.WriteLine(JsonSerializer.Serialize(video, new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }
            using var host = await OpenAsync(parse, ct);
            var job = await host.Services.GetRequiredService<JobService>().GetAsync(jobId, EmbeddedCaller.Key, ct)
                ?? throw new CliException($"no job {jobId}");
            var native = host.Services.GetRequiredService<NativeVideoMapper>().ToNative(job, host.Services.GetRequiredService<PublicBaseUrl>().Get());
            Console.WriteLine(JsonSerializer.Serialize(native, NativeJsonContext.Default.NativeVideo));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<string>("id");
        var (server, key) = (CliOptions.Server(), CliOptions.Key());
        var command = new Command("cancel", "Cancel a queued or running job") { id, server, key };
        command.SetAction(async (parse, ct) =>
        {
            var jobId = parse.GetValue(id)!;
            if (parse.GetValue(server) is { } url)
            {
                using var client = RemoteClient.Create(url, parse.GetValue(key));
                var video = await Remote(() => client.CancelAsync(jobId, ct));
                Console.WriteLine($"{video.Id} {video.Status.ToString().ToLowerInvariant()}");
                return ExitCodes.Ok;
            }
            using var host = await OpenAsync(parse, ct);
            var (outcome, job) = await host.Services.GetRequiredService<JobService>().CancelAsync(jobId, EmbeddedCaller.Key, ct);
            return outcome switch
            {
                CancelOutcome.NotFound => throw new CliException($"no job {jobId}"),
                CancelOutcome.AlreadyTerminal => throw new CliException($"job {jobId} is already {job!.Status.ToNativeName()}"),
                _ => Print($"{jobId} canceled"),
            };
        });
        return command;
    }

    private static int Print(string line)
    {
        Console.WriteLine(line);
        return ExitCodes.Ok;
    }

    private static async Task<T> Remote<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (ReelayApiException ex) { throw new CliException(ex.Message, ex.Status >= 500 ? ExitCodes.Unavailable : ExitCodes.Usage); }
        catch (HttpRequestException ex) { throw new CliException("cannot reach the server: " + ex.Message, ExitCodes.Unavailable); }
    }

    private static async Task<Microsoft.Extensions.Hosting.IHost> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var host = ReelayHost.BuildEmbedded(parse.GetValue(CliOptions.DataDir), []);
        await ReelayHost.PrepareAsync(host.Services, null, ct);
        return host;
    }

    private static VideoStatus? ToClientStatus(JobStatus? s) => s switch
    {
        null => null,
        JobStatus.Queued => VideoStatus.Queued,
        JobStatus.Running => VideoStatus.InProgress,
        JobStatus.Succeeded => VideoStatus.Completed,
        JobStatus.Failed => VideoStatus.Failed,
        _ => VideoStatus.Canceled,
    };

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 48 ? s : s[..47] + "…";

    private sealed record Row(string Id, string Status, int Progress, string Model, string Dialect, DateTimeOffset CreatedAt, string? Prompt);
}
