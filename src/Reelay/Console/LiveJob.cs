using System.Text.Json.Serialization;
using Reelay.Jobs;

namespace Reelay.WebConsole;

/// <summary>One change on the console's live stream: what a status chip and a progress bar show.</summary>
public sealed record LiveJob(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("terminal")] bool Terminal)
{
    public static LiveJob Of(VideoJob job) =>
        new(job.Id, job.Status.ToNativeName(), JobLabels.Status(job.Status), job.Progress, job.Status.IsTerminal());
}
