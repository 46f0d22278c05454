namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// Faults the emulator injects. Each probability (0..1) is rolled per request (or per task for the task
/// outcomes) on one <see cref="Random"/> seeded with <see cref="Seed"/>, in a fixed order, so a serial client
/// sees the same faults on every run. 0 never, 1 always.
/// </summary>
public sealed record KlingEmulatorFaults
{
    /// <summary>Create answers 500 (code 5000) or 503 (code 5001), half each; no task is created.</summary>
    public double Create5xx { get; set; }

    /// <summary>Create answers 429 code 1302 (rate limit); no task is created.</summary>
    public double Create429 { get; set; }

    /// <summary>
    /// The task IS created, then the answer is held for <see cref="CreateTimeoutDelay"/> (released early when the
    /// client gives up): the ambiguous "did my create land?" case, recoverable by querying the external_task_id.
    /// </summary>
    public double CreateTimeout { get; set; }

    /// <summary>How long a timed-out create hangs before answering after all.</summary>
    public TimeSpan CreateTimeoutDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Any API answer (create, query, list) is replaced by an aborted connection. On create the task IS created.</summary>
    public double ConnectionReset { get; set; }

    /// <summary>Any API answer (create, query, list) is cut in half: HTTP 200 with invalid JSON. On create the task IS created.</summary>
    public double MalformedJson { get; set; }

    /// <summary>Any API answer (create, query, list) is valid JSON with every member renamed to camelCase (<c>taskStatus</c>...).</summary>
    public double SchemaChanged { get; set; }

    /// <summary>A created task ends <c>failed</c> with a content-safety message (code 1301 semantics) instead of succeeding.</summary>
    public double ContentRejected { get; set; }

    /// <summary>A created task ends <c>failed</c> with a generic generation failure.</summary>
    public double FailTask { get; set; }

    /// <summary>A result download is throttled to <see cref="SlowDownloadBytesPerSecond"/>.</summary>
    public double SlowDownload { get; set; }

    public int SlowDownloadBytesPerSecond { get; set; } = 256 * 1024;

    /// <summary>A result download announces the full Content-Length, sends half and then aborts the connection.</summary>
    public double TruncatedDownload { get; set; }

    /// <summary>
    /// The first N query answers that carry a result give a URL that has already expired (403 on download), as when a
    /// link lapses between the answer and the download; later answers carry valid links again.
    /// </summary>
    public int ExpiredResultUrls { get; set; }

    /// <summary>No callback is ever sent (callback_url is accepted and ignored).</summary>
    public bool CallbacksNeverCome { get; set; }

    public int Seed { get; set; } = 42;
}
