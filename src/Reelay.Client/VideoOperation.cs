namespace Reelay.Client;

/// <summary>
/// A video being generated: poll it with <see cref="UpdateStatusAsync"/> or wait with
/// <see cref="WaitForCompletionAsync"/>. Survives process restarts: keep <see cref="Id"/> and
/// <see cref="Rehydrate"/> it later. Not thread-safe.
/// </summary>
public class VideoOperation
{
    private readonly VideosClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected VideoOperation() => Id = "";

    internal VideoOperation(VideosClient client, string id, Video? value)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(id);
        _client = client;
        Id = id;
        Value = value;
    }

    /// <summary>An operation for an existing video id. Makes no request; <see cref="Value"/> is null until the first update.</summary>
    public static VideoOperation Rehydrate(VideosClient client, string id) => new(client, id, null);

    /// <summary>The video id.</summary>
    public virtual string Id { get; }

    /// <summary>The latest known state of the video; null for a rehydrated operation before its first update.</summary>
    public virtual Video? Value { get; private set; }

    /// <summary>True once the video is final (completed, failed or canceled).</summary>
    public virtual bool HasCompleted => Value?.IsTerminal == true;

    /// <summary>Fetches the video's current state into <see cref="Value"/>.</summary>
    public virtual async Task<Video> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        Value = await _client.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        return Value;
    }

    /// <summary>
    /// Polls until the video is final and returns it; a failed or canceled video is returned, not thrown. Waits
    /// between polls as long as the server's <c>Retry-After</c> asks (or the configured poll interval), clamped to
    /// the client's bounds.
    /// </summary>
    /// <param name="progress">Told about every state fetched while waiting.</param>
    public virtual async Task<Video> WaitForCompletionAsync(IProgress<Video>? progress = null, CancellationToken cancellationToken = default)
    {
        var video = Value;
        if (video is null)
        {
            video = await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(video);
        }
        while (!video.IsTerminal)
        {
            await Task.Delay(_client.PollDelay(video.RetryAfter), _client.TimeProvider, cancellationToken).ConfigureAwait(false);
            video = await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(video);
        }
        return video;
    }
}
