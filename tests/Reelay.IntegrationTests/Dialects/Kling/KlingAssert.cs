using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Kling;

/// <summary>Checks of Kling's wire shapes shared by the Kling conformance tests.</summary>
public static class KlingAssert
{
    /// <summary>Asserts a Kling error answer (HTTP status, code, message, request_id) and returns its message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        var body = await Json.ReadAsync(response);
        Assert.True((int)response.StatusCode < 500, $"5xx: {body}");
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        var message = body.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.True(Guid.TryParse(body.GetProperty("request_id").GetString(), out _));
        Assert.Equal(["code", "message", "request_id"], body.EnumerateObject().Select(p => p.Name).Order().ToArray());
        return message!;
    }

    /// <summary>Asserts the success envelope and returns <c>data</c>.</summary>
    public static async Task<JsonElement> SuccessAsync(HttpResponseMessage response)
    {
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(0, body.GetProperty("code").GetInt32());
        Assert.Equal("SUCCEED", body.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("request_id").GetString(), out _));
        return body.GetProperty("data");
    }

    /// <summary>The members every task object has, with Kling's types (times are integer ms).</summary>
    public static void TaskShape(JsonElement task)
    {
        Assert.Equal(JsonValueKind.String, task.GetProperty("task_id").ValueKind);
        Assert.Contains(task.GetProperty("task_status").GetString(), new[] { "submitted", "processing", "succeed", "failed" });
        Assert.Equal(JsonValueKind.Object, task.GetProperty("task_info").ValueKind);
        var created = task.GetProperty("created_at").GetInt64();
        var updated = task.GetProperty("updated_at").GetInt64();
        Assert.InRange(created, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.True(updated >= created);
    }
}
