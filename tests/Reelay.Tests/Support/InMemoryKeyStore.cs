using System.Collections.Concurrent;
using Reelay.Accounts;

namespace Reelay.Tests.Support;

/// <summary>A test double of the key store port; counts lookups so caching can be asserted.</summary>
public sealed class InMemoryKeyStore : IKeyStore
{
    private readonly ConcurrentDictionary<Guid, ApiKey> _keys = new();
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public Task InsertAsync(ApiKey key, CancellationToken ct)
    {
        if (!_keys.TryAdd(key.Id, key)) throw new InvalidOperationException("duplicate key id");
        return Task.CompletedTask;
    }

    public Task<ApiKey?> GetAsync(Guid id, CancellationToken ct)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(_keys.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ApiKey>>(_keys.Values.OrderBy(k => k.CreatedAt).ToList());

    public Task<bool> RevokeAsync(Guid id, DateTimeOffset at, CancellationToken ct)
    {
        if (!_keys.TryGetValue(id, out var key) || !key.IsActive) return Task.FromResult(false);
        return Task.FromResult(_keys.TryUpdate(id, key with { RevokedAt = at }, key));
    }

    public Task<bool> SetAccountCallbackAsync(Guid id, string? url, string? callbackKey, CancellationToken ct)
    {
        if (!_keys.TryGetValue(id, out var key)) return Task.FromResult(false);
        return Task.FromResult(_keys.TryUpdate(id, key with { AccountCallbackUrl = url, AccountCallbackKey = callbackKey }, key));
    }

    public Task<bool> UpdateSettingsAsync(Guid id, string name, KeyLimits limits, CancellationToken ct)
    {
        if (!_keys.TryGetValue(id, out var key)) return Task.FromResult(false);
        return Task.FromResult(_keys.TryUpdate(id, key with { Name = name, Limits = limits }, key));
    }

    public Task<ApiKey?> RotateWebhookSecretAsync(Guid id, DateTimeOffset at, CancellationToken ct)
    {
        if (!_keys.TryGetValue(id, out var key) || !key.IsActive) return Task.FromResult<ApiKey?>(null);
        var rotated = key with { WebhookSecretGeneration = key.WebhookSecretGeneration + 1, WebhookSecretRotatedAt = at };
        return Task.FromResult<ApiKey?>(_keys.TryUpdate(id, rotated, key) ? rotated : null);
    }

    public Task<long> CountAsync(CancellationToken ct) => Task.FromResult((long)_keys.Count);
}
