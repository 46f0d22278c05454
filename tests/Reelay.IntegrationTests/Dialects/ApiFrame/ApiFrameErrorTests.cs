using System.Text.Json;

namespace Reelay.IntegrationTests.Dialects.ApiFrame;

/// <summary>APIFrame's failure answers: 401 <c>{}</c>, 400/404 <c>{"errors":[{"msg"}]}</c> naming the field; never a 5xx.</summary>
[Collection(ApiFrameCollection.Name)]
public sealed class ApiFrameErrorTests(ApiFrameServer f)
{
    private const string Valid = """{"prompt":"a cat","generation_type":"text2video"}""";

    public static TheoryData<string> Paths => new() { "/kling-imagine", "/fetch", "/fetch-many", "/compat/apiframe/fetch" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AnyRoute_NoAuthorization_Answers401EmptyObject(string path)
    {
        using var http = f.Client(null);

        var (status, text) = await ApiFrameServer.PostAsync(http, path, Valid);

        Assert.Equal(401, status);
        Assert.Equal("{}", text);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("Bearer wrong")]
    [InlineData("rly_00000000000000000000000000000000.c2VjcmV0")]
    public async Task KlingImagine_InvalidKey_Answers401EmptyObject(string authorization)
    {
        using var http = f.Client(authorization);

        var (status, text) = await ApiFrameServer.PostAsync(http, "/kling-imagine", Valid);

        Assert.Equal(401, status);
        Assert.Equal("{}", text);
    }

    [Fact]
    public async Task KlingImagine_RightKeyIdWrongSecret_Answers401EmptyObject()
    {
        using var http = f.Client($"rly_{f.Server.User.Key.Id:N}.not-the-secret");

        var (status, text) = await ApiFrameServer.PostAsync(http, "/kling-imagine", Valid);

        Assert.Equal(401, status);
        Assert.Equal("{}", text);
    }

    [Theory]
    [InlineData("""{"generation_type":"text2video"}""", "prompt is required")]
    [InlineData("""{"prompt":"  ","generation_type":"text2video"}""", "prompt must not be empty")]
    [InlineData("""{"prompt":7,"generation_type":"text2video"}""", "prompt must be a string")]
    [InlineData("""{"prompt":"a cat"}""", "generation_type is required")]
    [InlineData("""{"prompt":"a cat","generation_type":"video2video"}""", "generation_type must be one of")]
    [InlineData("""{"prompt":"a cat","generation_type":"image2video"}""", "image_url is required")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","mode":"pro","model":"kling-v1"}""", "mode 'pro' works only with model 'kling-v1-5'")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","mode":"pro"}""", "mode 'pro' works only with model 'kling-v1-5'")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","mode":"ultra"}""", "mode must be one of")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","duration":7}""", "duration must be 5 or 10")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","duration":"7"}""", "duration must be 5 or 10")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","duration":5.5}""", "duration must be an integer")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","cfg_scale":2}""", "cfg_scale must be a float between 0 and 1")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","cfg_scale":"much"}""", "cfg_scale must be a number")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","model":"kling-v9"}""", "model must be one of")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","aspect_ratio":"2:1"}""", "aspect_ratio must be one of")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","webhook_url":"not a url"}""", "webhook_url must be an absolute http(s) URL")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","webhook_url":"https://........"}""", "webhook_url must be an absolute http(s) URL")]
    [InlineData("""{"prompt":"a cat","generation_type":"text2video","model":"kling-v1-5"}""", "image_url is required")]
    [InlineData("""["a cat"]""", "request body must be a JSON object")]
    [InlineData("""{"prompt":"a cat", "generation_type":""", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task KlingImagine_InvalidBody_Answers400WithMessage(string body, string expected)
    {
        using var http = f.UserClient();

        var (status, text) = await ApiFrameServer.PostAsync(http, "/kling-imagine", body);

        Assert.Equal(400, status);
        var message = AssertErrorShape(text);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task KlingImagine_SeveralInvalidFields_AnswersOneEntryEach()
    {
        using var http = f.UserClient();

        var (status, text) = await ApiFrameServer.PostAsync(http, "/kling-imagine", """{"generation_type":"text2video","duration":7,"cfg_scale":2}""");

        Assert.Equal(400, status);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("msg").GetString()!).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("prompt", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("cfg_scale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KlingImagine_ImageUrlNotFound_Answers400NamingImageUrl()
    {
        using var http = f.UserClient();
        var body = JsonSerializer.Serialize(new { prompt = "a cat", generation_type = "image2video", image_url = f.Images.MissingUrl });

        var (status, text) = await ApiFrameServer.PostAsync(http, "/kling-imagine", body);

        Assert.Equal(400, status);
        Assert.StartsWith("image_url ", AssertErrorShape(text));
    }

    [Theory]
    [InlineData("/fetch", """{}""", "task_id is required")]
    [InlineData("/fetch", """{"task_id":5}""", "task_id must be a string")]
    [InlineData("/fetch", """{"task_id":""", "not valid JSON")]
    [InlineData("/fetch-many", """{}""", "task_ids is required")]
    [InlineData("/fetch-many", """{"task_ids":"a,b"}""", "task_ids must be an array of strings")]
    [InlineData("/fetch-many", """{"task_ids":["a"]}""", "task_ids must hold between 2 and 20 task ids (was 1)")]
    public async Task Fetch_InvalidBody_Answers400WithMessage(string path, string body, string expected)
    {
        using var http = f.UserClient();

        var (status, text) = await ApiFrameServer.PostAsync(http, path, body);

        Assert.Equal(400, status);
        Assert.Contains(expected, AssertErrorShape(text));
    }

    [Fact]
    public async Task FetchMany_TwentyOneIds_Answers400()
    {
        using var http = f.UserClient();
        var ids = Enumerable.Range(0, 21).Select(_ => Guid.CreateVersion7().ToString()).ToArray();

        var (status, text) = await ApiFrameServer.PostAsync(http, "/fetch-many", JsonSerializer.Serialize(new { task_ids = ids }));

        Assert.Equal(400, status);
        Assert.Contains("(was 21)", AssertErrorShape(text));
    }

    [Theory]
    [InlineData("does-not-exist")]
    [InlineData("01990000-0000-7000-8000-000000000000")]
    public async Task Fetch_UnknownTask_Answers404TaskNotFound(string id)
    {
        using var http = f.UserClient();

        var (status, text) = await ApiFrameServer.PostAsync(http, "/fetch", JsonSerializer.Serialize(new { task_id = id }));

        Assert.Equal(404, status);
        Assert.Equal("""{"errors":[{"msg":"task not found"}]}""", text);
    }

    /// <summary>Asserts <c>{"errors":[{"msg":string}, ...]}</c> with nothing else, and returns the messages joined.</summary>
    private static string AssertErrorShape(string text)
    {
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["errors"], ApiFrameServer.PropertyNames(root));
        var entries = root.GetProperty("errors").EnumerateArray().ToArray();
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.Equal(["msg"], ApiFrameServer.PropertyNames(e));
            Assert.Equal(JsonValueKind.String, e.GetProperty("msg").ValueKind);
        });
        return string.Join(" | ", entries.Select(e => e.GetProperty("msg").GetString()));
    }
}
