using System.Text.Json.Nodes;

namespace Reelay.Reliability.Fuzz;

/// <summary>The values a hostile or careless client puts where a field, a path segment or a query value goes.</summary>
public static class HostileValues
{
    /// <summary>Destinations an SSRF guard must refuse (private, loopback, link-local, metadata, odd encodings, other schemes).</summary>
    public static readonly string[] Urls =
    [
        "http://127.0.0.1:1/a.png", "http://localhost/a.png", "http://[::1]/a.png", "http://0x7f000001/a.png", "http://2130706433/a.png",
        "http://0177.0.0.1/a.png", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/a.png", "http://10.0.0.1/a.png",
        "http://192.168.1.1/a.png", "http://172.16.0.1/a.png", "http://[::ffff:127.0.0.1]/a.png", "http://100.64.0.1/a.png",
        "http://0.0.0.0/a.png", "file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "ftp://example.com/a.png",
        "http://user:pass@127.0.0.1/a.png", "http://example.com@127.0.0.1/a.png", "javascript:alert(1)", "http://", "https://" + new string('a', 3000) + ".com/",
    ];

    /// <summary>Every JSON value kind, each at its edges, for type confusion and range checks. Built once; callers clone.</summary>
    public static readonly JsonNode?[] Json =
    [
        null,
        JsonValue.Create(true),
        JsonValue.Create(0),
        JsonValue.Create(-1),
        JsonValue.Create(long.MaxValue),
        JsonValue.Create(long.MinValue),
        JsonValue.Create(1e308),
        JsonValue.Create(-1e-308),
        JsonValue.Create(0.30000000000000004),
        JsonValue.Create(""),
        JsonValue.Create(" "),
        JsonValue.Create(new string('a', 100_000)),
        JsonValue.Create("\u0000\u0001\u001f\u007f"),
        JsonValue.Create("\u202e\u200b\ufeffRTL and zero-width"),
        JsonValue.Create("💥🎬 \ud83d\ude00 ﷽"),
        JsonValue.Create("<script>alert(1)</script>"),
        JsonValue.Create("'; DROP TABLE jobs; --"),
        JsonValue.Create("${jndi:ldap://x}"),
        JsonValue.Create("NaN"),
        JsonValue.Create("1e999"),
        JsonValue.Create("5"),
        new JsonArray(),
        new JsonArray(JsonValue.Create(1), JsonValue.Create("x"), null),
        new JsonObject(),
        new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(JsonValue.Create(7)) } },
        .. Urls.Select(u => JsonValue.Create(u)),
        JsonValue.Create("data:image/png;base64,!!!not base64!!!"),
        JsonValue.Create("iVBORw0KGgo="),
        JsonValue.Create(Convert.ToBase64String(HostileImages.Bomb(100_000, 100_000))),
    ];

    /// <summary>
    /// Path segment values (already URL-encoded where needed), beyond real ids. No bare "." or "..": System.Uri
    /// removes dot segments before sending, so the server would see another path than the target's (the encoded
    /// forms above do reach the server).
    /// </summary>
    public static readonly string[] PathSegments =
    [
        "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows", "%00", "%FF%FE", "-1", "0", "99999999999999999999999",
        "00000000-0000-0000-0000-000000000000", "not-an-id", new string('x', 5000), "%F0%9F%92%A5", "'%20OR%201%3D1--", "%7Bid%7D", "jobs%2Fx%2Fraw.mp4",
        "%252e%252e%252f", "a%20b", "CON", "raw.mp4%3Fsig%3Dx",
    ];

    /// <summary>Query values.</summary>
    public static readonly string[] QueryValues =
    [
        "", "-1", "0", "1", "100000000000000000000", "abc", "1e9", "%00", "..%2F..%2Fetc%2Fpasswd", "raw", "min", "poster", "original", "%F0%9F%92%A5",
        "queued", "completed", "bogus", new string('q', 3000), "2026-13-45T99:99:99Z", "NaN", "true",
    ];

    /// <summary>Query names the APIs read (lists, content, signed links, Kling pages, Highway task ids) plus unknown ones.</summary>
    public static readonly string[] QueryNames =
    [
        "limit", "after", "before", "status", "variant", "task_id", "pageNum", "pageSize", "sig", "expires", "exp", "model", "dialect", "download", "order", "x",
    ];
}
