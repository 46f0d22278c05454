namespace Reelay.Emulation;

/// <summary>
/// Faults an emulator injects, the same set for every provider (each answers them in its own wire shape). Each
/// probability (0..1) is rolled per request (per task for the task outcomes) on one random source seeded with
/// <see cref="Seed"/>, in a fixed order, so a serial client sees the same faults on every run. 0 never, 1 always.
/// </summary>
public sealed record EmulatorFaults
{
    /// <summary>Create answers 500 or 503 (half each) in the provider's error shape; no task is created.</summary>
    public double Create5xx { get; set; }

    /// <summary>Create answers the provider's rate-limit 429; no task is created.</summary>
    public double Create429 { get; set; }

    /// <summary>Create answers the provider's "out of credit" refusal (balance, credits, quota); no task is created.</summary>
    public double OutOfCredit { get; set; }

    /// <summary>
    /// The task IS created, then the answer is held for <see cref="CreateTimeoutDelay"/> (released early when the
    /// client gives up): the ambiguous "did my create land?" case.
    /// </summary>
    public double CreateTimeout { get; set; }

    /// <summary>How long a timed-out create hangs before answering after all (wall clock: it models the network).</summary>
    public TimeSpan CreateTimeoutDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A successful API answer (create, status) is replaced by an aborted connection. On create the task IS created.</summary>
    public double ConnectionReset { get; set; }

    /// <summary>A successful API answer is cut in half: the success status with invalid JSON. On create the task IS created.</summary>
    public double MalformedJson { get; set; }

    /// <summary>A successful API answer is valid JSON with every member renamed to PascalCase (<c>task_id</c> → <c>TaskId</c>): a "new API version".</summary>
    public double SchemaChanged { get; set; }

    /// <summary>A created task ends rejected by the provider's content policy instead of succeeding.</summary>
    public double ContentRejected { get; set; }

    /// <summary>A created task ends failed with a generic generation failure.</summary>
    public double FailTask { get; set; }

    /// <summary>A result download is throttled to <see cref="SlowDownloadBytesPerSecond"/>.</summary>
    public double SlowDownload { get; set; }

    public int SlowDownloadBytesPerSecond { get; set; } = 256 * 1024;

    /// <summary>A result download announces the full Content-Length, sends half and then aborts the connection.</summary>
    public double TruncatedDownload { get; set; }

    /// <summary>
    /// The first N results shown (in single-task answers and list pages alike) carry a URL that has already expired (403
    /// on download), as when a link lapses between the answer and the download; later ones carry valid links again.
    /// </summary>
    public int ExpiredResultUrls { get; set; }

    /// <summary>No callback or webhook is ever sent (the URL is accepted and ignored), for providers that send them.</summary>
    public bool CallbacksNeverCome { get; set; }

    public int Seed { get; set; } = 42;
}
