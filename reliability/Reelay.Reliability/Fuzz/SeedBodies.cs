namespace Reelay.Reliability.Fuzz;

/// <summary>
/// A valid request body per endpoint (keyed "METHOD /pattern" without the compat prefix), from the dialects' own
/// documented examples; the mutator starts from these, so most fuzzed requests are near-valid and reach deep into
/// validation. Placeholders: <c>{B64}</c> a valid PNG in base64, <c>{DATA_URI}</c> the same as a data URI,
/// <c>{JOB}</c> one of the caller's job ids, <c>{OTHER}</c> another key's job id, <c>{UUID}</c> a fresh UUID.
/// </summary>
public static class SeedBodies
{
    private static readonly Dictionary<string, string[]> Seeds = new(StringComparer.Ordinal)
    {
        ["POST /v1/videos"] =
        [
            """{"model":"kling-v1","prompt":"A red fox running through fresh snow","duration":5,"aspect_ratio":"16:9","cfg_scale":0.5,"negative_prompt":"blur","seed":42}""",
            """{"model":"kling-v1","prompt":"A fox","duration":5,"start_image":"{DATA_URI}","webhook":{"url":"https://example.com/hook","events":["video.completed"]}}""",
        ],
        ["POST /v1/videos/text2video"] =
            ["""{"model_name":"kling-v1","prompt":"A fox","negative_prompt":"","cfg_scale":0.5,"mode":"std","aspect_ratio":"16:9","duration":"5","external_task_id":"{UUID}"}"""],
        ["POST /v1/videos/image2video"] =
            ["""{"model_name":"kling-v1","image":"{B64}","prompt":"A fox","duration":"5","mode":"std","camera_control":{"type":"simple","config":{"zoom":5}}}"""],
        ["POST /generate/kling-2-5"] =
            ["""{"params":{"prompt":"A fox","duration":5,"cfg_scale":0.5,"enhance_prompt":false,"negative_prompt":""},"webhook":{"url":"https://example.com/hook","secret":"s"}}"""],
        ["POST /v3/async/kling-2.5-turbo-t2v"] = ["""{"prompt":"A fox","duration":"5","aspect_ratio":"16:9","cfg_scale":0.5,"mode":"pro","negative_prompt":""}"""],
        ["POST /v3/async/kling-2.5-turbo-i2v"] = ["""{"image":"{B64}","prompt":"A fox","duration":"5","cfg_scale":0.5,"mode":"pro"}"""],
        ["POST /v1/video/generations"] =
        [
            """{"model":"kling-v2","prompt":"A fox","duration":5,"cfg_scale":0.5,"aspect_ratio":"16:9"}""",
            """{"model":"kling-v2.1-pro","prompt":"A fox","duration":5,"start_image":"{DATA_URI}","end_image":"{B64}"}""",
        ],
        ["POST /api/rest/v1/generations-text-to-video"] = ["""{"prompt":"A fox","model":"KLING2_5","duration":5,"width":1920,"height":1080,"promptEnhance":false}"""],
        ["POST /api/rest/v1/generations-image-to-video"] =
            ["""{"prompt":"A fox","imageId":"{UUID}","imageType":"UPLOADED","model":"KLING2_5","duration":5,"endFrameImage":{"id":"{UUID}","type":"UPLOADED"}}"""],
        ["POST /api/rest/v1/init-image"] = ["""{"extension":"png"}"""],
        ["POST /kling-imagine"] =
        [
            """{"prompt":"A fox","generation_type":"text2video","model":"kling-v1","duration":5,"aspect_ratio":"16:9","cfg_scale":0.5}""",
            """{"prompt":"A fox","generation_type":"image2video","image_url":"{DATA_URI}","model":"kling-v1-5","mode":"pro","duration":5}""",
        ],
        ["POST /fetch"] = ["""{"task_id":"{JOB}"}"""],
        ["POST /fetch-many"] = ["""{"task_ids":["{JOB}","{OTHER}"]}"""],
        ["POST /v1/upstream-callbacks/{upstream}/{jobId}"] = ["""{"task_id":"t","task_status":"succeed"}"""],
    };

    /// <summary>A seed for <paramref name="seedKey"/>, or a small generic object for endpoints without one (new routes are fuzzed too).</summary>
    public static string For(string seedKey, Random random) =>
        Seeds.TryGetValue(seedKey, out var list) ? list[random.Next(list.Length)] : """{"name":"fuzz","value":1}""";

    public static bool HasSeed(string seedKey) => Seeds.ContainsKey(seedKey);
}
