using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reelay.Client;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage.Blobs;

namespace Reelay.Cli;

/// <summary>
/// <c>reelay generate "&lt;prompt&gt;" -o out.mp4</c>: creates a job and waits for it with a progress display.
/// Embedded by default (store + engine in the data directory, no server), or against a server with --server/--key.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var prompt = new Argument<string?>("prompt") { Description = "What the video shows", Arity = ArgumentArity.ZeroOrOne };
        var image = new Option<string?>("--image") { Description = "Start frame: a file path or an http(s) URL" };
        var endImage = new Option<string?>("--end-image") { Description = "End frame (needs --image)" };
        var duration = new Option<int>("--duration") { Description = "Seconds", DefaultValueFactory = _ => 5 };
        var aspect = new Option<string>("--aspect") { Description = "16:9, 9:16, 1:1, ...", DefaultValueFactory = _ => "16:9" };
        var mode = new Option<string>("--mode") { Description = "std (720p) or pro (1080p)", DefaultValueFactory = _ => "std" };
        mode.AcceptOnlyFromAmong("std", "pro");
        var model = new Option<string>("--model") { Description = "Model name (see models.json)", DefaultValueFactory = _ => "local" };
        var seed = new Option<long?>("--seed") { Description = "Seed for deterministic output" };
        var negative = new Option<string?>("--negative") { Description = "Negative prompt" };
        var cfg = new Option<double?>("--cfg") { Description = "cfg scale 0..1" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the video", DefaultValueFactory = _ => "out.mp4" };
        var variant = new Option<string>("--variant") { Description = "raw (as produced) or min (optimized)", DefaultValueFactory = _ => "raw" };
        variant.AcceptOnlyFromAmong("raw", "min");
        var server = CliOptions.Server();
        var key = CliOptions.Key();

        var command = new Command("generate", "Generate a video and save it")
        {
            prompt, image, endImage, duration, aspect, mode, model, seed, negative, cfg, output, variant, server, key,
        };
        command.SetAction(async (parse, ct) =>
        {
            var request = new VideoRequest
            {
                Model = parse.GetValue(model)!,
                Prompt = parse.GetValue(prompt),
                NegativePrompt = parse.GetValue(negative),
                CfgScale = parse.GetValue(cfg),
                DurationSeconds = parse.GetValue(duration),
                AspectRatio = parse.GetValue(aspect)!,
                Mode = parse.GetValue(mode) == "pro" ? VideoMode.Pro : VideoMode.Std,
                StartImage = ImageArgument.ToRequestValue(parse.GetValue(image)),
                EndImage = ImageArgument.ToRequestValue(parse.GetValue(endImage)),
                Seed = parse.GetValue(seed),
            };
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var serverUrl = parse.GetValue(server);
            return serverUrl is null
                ? await RunEmbeddedAsync(parse.GetValue(CliOptions.DataDir), request, path, parse.GetValue(variant)!, ct)
                : await RunRemoteAsync(serverUrl, parse.GetValue(key), request, path, parse.GetValue(variant)!, ct);
        });
        return command;
    }

    private static async Task<int> RunEmbeddedAsync(string? dataDir, VideoRequest request, string path, string variant, CancellationToken ct)
    {
        using var host = ReelayHost.BuildEmbedded(dataDir, []);
        await ReelayHost.PrepareAsync(host.Services, null, ct);
        await host.StartAsync(ct);
        try
        {
            var jobs = host.Services.GetRequiredService<JobService>();
            var created = await jobs.CreateAsync(new CreateJobCommand(EmbeddedCaller.Key.Id, request), ct);
            if (created.IsInvalid) throw new CliException(FormatErrors(created.Errors!.ToDictionary()));
            var job = await new GenerationProgress().RunAsync($"job {created.Job!.Id[..8]}", async report =>
            {
                var current = created.Job!;
                while (!current.Status.IsTerminal())
                {
                    report(current.Status.ToNativeName(), current.Progress);
                    current = await jobs.WaitAsync(current, TimeSpan.FromSeconds(1), ct);
                }
                report(current.Status.ToNativeName(), current.Progress);
                return current;
            });
            if (job.Status != JobStatus.Succeeded)
            {
                await Console.Error.WriteLineAsync($"job {job.Id} {job.Status.ToNativeName()}: {job.Error?.Message}");
                return ExitCodes.JobFailed;
            }
            var blobs = host.Services.GetRequiredService<IBlobStore>();
            var output = job.Outputs!.Get(variant)!;
            await using (var source = await blobs.OpenReadAsync(output.BlobKey, ct) ?? throw new CliException("result file is missing", ExitCodes.Unavailable))
            await using (var target = File.Create(path))
            {
                await source.CopyToAsync(target, ct);
            }
            Console.WriteLine($"{path}  ({output.Width}x{output.Height}, {output.DurationSeconds:0.###} s, {output.Bytes:N0} bytes, job {job.Id})");
            return ExitCodes.Ok;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> RunRemoteAsync(string serverUrl, string? token, VideoRequest request, string path, string variant, CancellationToken ct)
    {
        using var client = RemoteClient.Create(serverUrl, token);
        try
        {
            var operation = await client.StartGenerateAsync(RemoteClient.ToCreateRequest(request), ct);
            var video = await new GenerationProgress().RunAsync($"job {operation.Id[..Math.Min(8, operation.Id.Length)]}", report =>
                operation.WaitForCompletionAsync(new SyncProgress<Video>(v => report(v.Status.ToString().ToLowerInvariant(), v.Progress)), ct));
            if (video.Status != VideoStatus.Completed)
            {
                await Console.Error.WriteLineAsync($"job {video.Id} {video.Status}: {video.Error?.Message}");
                return ExitCodes.JobFailed;
            }
            await client.DownloadAsync(video.Id, variant == "min" ? VideoVariant.Min : VideoVariant.Raw, path, ct);
            Console.WriteLine($"{path}  (job {video.Id})");
            return ExitCodes.Ok;
        }
        catch (ReelayApiException ex)
        {
            throw new CliException(RemoteClient.Describe(ex), ex.Status >= 500 ? ExitCodes.Unavailable : ExitCodes.Usage);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach {serverUrl}: {ex.Message}", ExitCodes.Unavailable);
        }
    }

    internal static string FormatErrors(IReadOnlyDictionary<string, string[]> errors) =>
        "the request is invalid:" + string.Concat(errors.SelectMany(kv => kv.Value.Select(m => $"\n  {kv.Key}: {m}")));
}
