using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Tests.Providers.ApiFrame;

public sealed class ApiFrameContractTests
{
    [Theory]
    [InlineData("""{"task_id":"t","task_type":"kling-video","status":"processing","percentage":"40"}""", 40, true)]
    [InlineData("""{"task_id":"t","task_type":"kling-video","status":"finished","percentage":100}""", 100, false)]
    [InlineData("""{"task_id":"t","task_type":"kling-video","status":"processing","percentage":"45.6%"}""", 46, true)]
    public void Deserialize_PercentageStringOrNumber_ReadsBoth(string json, int value, bool asString)
    {
        var task = JsonSerializer.Deserialize(json, ApiFrameJsonContext.Default.ApiFrameTask)!;

        Assert.Equal(new ApiFramePercentage(value, asString), task.Percentage);
    }

    [Fact]
    public void Deserialize_PercentageNotNumeric_Throws()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"task_id":"t","status":"x","percentage":"soon"}""", ApiFrameJsonContext.Default.ApiFrameTask));
    }

    [Fact]
    public void Serialize_RunningAndFinishedTasks_UseSeedFormsAndOmitAbsentMembers()
    {
        var running = new ApiFrameTask { TaskId = "t", Status = "processing", Percentage = ApiFramePercentage.Text(40) };
        var finished = new ApiFrameTask { TaskId = "t", Status = "finished", Percentage = ApiFramePercentage.Number(100), VideoUrl = "https://x/v.mp4" };

        Assert.Equal("""{"task_id":"t","task_type":"kling-video","status":"processing","percentage":"40"}""",
            JsonSerializer.Serialize(running, ApiFrameJsonContext.Default.ApiFrameTask));
        Assert.Equal("""{"task_id":"t","task_type":"kling-video","status":"finished","percentage":100,"video_url":"https://x/v.mp4"}""",
            JsonSerializer.Serialize(finished, ApiFrameJsonContext.Default.ApiFrameTask));
    }

    [Fact]
    public void Serialize_ErrorBody_IsExpressValidatorShape()
    {
        Assert.Equal("""{"errors":[{"msg":"a"},{"msg":"b"}]}""", JsonSerializer.Serialize(ApiFrameErrorBody.Of("a", "b"), ApiFrameJsonContext.Default.ApiFrameErrorBody));
    }

    [Theory]
    [InlineData(JobStatus.Queued, 0, "pending")]
    [InlineData(JobStatus.Running, 0, "starting")]
    [InlineData(JobStatus.Running, 30, "processing")]
    [InlineData(JobStatus.Succeeded, 100, "finished")]
    [InlineData(JobStatus.Failed, 10, "failed")]
    [InlineData(JobStatus.Canceled, 10, "failed")]
    public void ToApiFrame_EachStatus_MapsToVocabulary(JobStatus status, int progress, string expected)
    {
        Assert.Equal(expected, ApiFrameStatuses.ToApiFrame(status, progress));
    }

    [Theory]
    [InlineData("pending", JobStatus.Queued)]
    [InlineData("staged", JobStatus.Queued)]
    [InlineData("starting", JobStatus.Running)]
    [InlineData("retrying", JobStatus.Running)]
    [InlineData("finished", JobStatus.Succeeded)]
    [InlineData("failed", JobStatus.Failed)]
    public void ToCanonical_DocumentedStatus_Maps(string status, JobStatus expected)
    {
        Assert.Equal(expected, ApiFrameStatuses.ToCanonical(status));
    }

    [Fact]
    public void ToCanonical_UnknownStatus_IsNull()
    {
        Assert.Null(ApiFrameStatuses.ToCanonical("done"));
    }
}
