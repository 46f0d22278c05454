using Reelay.Jobs;

namespace Reelay.Providers.Highway;

/// <summary>The task types of Highway's Kling 2.5 Turbo endpoints, as reported in <c>task.task_type</c>.</summary>
public static class HighwayTaskTypes
{
    public const string ImageToVideo = "KLING_2.5_TURBO_I2V";
    public const string TextToVideo = "KLING_2.5_TURBO_T2V";

    /// <summary>The type the job was created as, or (for jobs of other dialects) the one its inputs imply.</summary>
    public static string Of(VideoJob job) =>
        job.Request.Extension(HighwayRequestReader.TaskTypeExtension)
        ?? (string.IsNullOrEmpty(job.Request.StartImage) ? TextToVideo : ImageToVideo);
}
