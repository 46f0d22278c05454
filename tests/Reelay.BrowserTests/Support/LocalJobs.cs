using Microsoft.Extensions.DependencyInjection;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.BrowserTests.Support;

/// <summary>Jobs made straight through the server's services (not the console), for pages that need one to show.</summary>
public static class LocalJobs
{
    /// <summary>Creates a local-engine job for <paramref name="owner"/> and waits (deadline 90 s) until it succeeded.</summary>
    public static async Task<VideoJob> RunAsync(ConsoleServer server, Guid owner, int seconds, string prompt = "usage")
    {
        var services = server.Services;
        var created = await services.GetRequiredService<JobService>().CreateAsync(
            new CreateJobCommand(owner, new VideoRequest { Model = "local", Prompt = prompt, DurationSeconds = seconds }), CancellationToken.None);
        var store = services.GetRequiredService<IJobStore>();
        return await Poll.UntilAsync(async () =>
            await store.GetAsync(created.Job!.Id, CancellationToken.None) is { Status: JobStatus.Succeeded } done ? done : null, 90);
    }
}
