namespace Reelay.Client;

/// <summary>How a <see cref="VideosClient"/> reaches and authenticates to a Reelay server.</summary>
public sealed class VideosClientOptions
{
    /// <summary>The server's base address, e.g. <c>https://reelay.example.com/</c>.</summary>
    public required Uri Endpoint { get; set; }

    /// <summary>The API token, <c>rly_&lt;key id&gt;.&lt;secret&gt;</c>, sent as a Bearer token.</summary>
    public required string ApiKey { get; set; }

    /// <summary>Per-request timeout when the client creates its own <see cref="System.Net.Http.HttpClient"/>. Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// An HttpClient to send requests with (e.g. from IHttpClientFactory). The client does not dispose it and does
    /// not change its settings; <see cref="Timeout"/> is then not applied.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Wait between status polls when the server gives no <c>Retry-After</c>. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Shortest wait between polls, whatever the server says, so a bad hint cannot cause a request storm. Default 100 ms.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between polls, whatever the server says. Default 60 s.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock used for poll delays (replace in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The delay before the next poll: the server's hint or <see cref="PollInterval"/>, clamped, never negative.</summary>
    internal TimeSpan PollDelay(TimeSpan? retryAfter)
    {
        var max = MaxPollInterval < TimeSpan.Zero ? TimeSpan.Zero : MaxPollInterval;
        var min = MinPollInterval < TimeSpan.Zero ? TimeSpan.Zero : MinPollInterval > max ? max : MinPollInterval;
        var delay = retryAfter ?? PollInterval;
        return delay < min ? min : delay > max ? max : delay;
    }
}
