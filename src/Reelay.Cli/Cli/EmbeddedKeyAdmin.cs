using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api.Admin;
using Reelay.Webhooks;

namespace Reelay.Cli;

/// <summary><see cref="IKeyAdmin"/> on the data directory's store, through the same services the admin API uses.</summary>
internal sealed class EmbeddedKeyAdmin(IHost host) : IKeyAdmin
{
    private KeyIssuer Issuer => host.Services.GetRequiredService<KeyIssuer>();
    private IKeyStore Keys => host.Services.GetRequiredService<IKeyStore>();

    public IServiceProvider Services => host.Services;

    public async Task<AdminIssuedKeyView> CreateAsync(string name, ApiKeyRole role, KeyLimits limits, CancellationToken ct) =>
        AdminIssuedKeyView.From(await Issuer.CreateAsync(name, role, limits, ct));

    public async Task<IReadOnlyList<AdminKeyView>> ListAsync(CancellationToken ct) =>
        [.. (await Keys.ListAsync(ct)).Select(AdminKeyView.From)];

    public Task<bool> RevokeAsync(Guid id, CancellationToken ct) => Issuer.RevokeAsync(id, ct);

    public async Task<AdminKeyView?> UpdateAsync(Guid id, KeySettingsPatch patch, CancellationToken ct) =>
        await Issuer.UpdateSettingsAsync(id, patch, ct) is { } key ? AdminKeyView.From(key) : null;

    public async Task<AdminRotatedSecretView?> RotateWebhookSecretAsync(Guid id, CancellationToken ct)
    {
        var rotated = await Issuer.RotateWebhookSecretAsync(id, ct);
        if (rotated is null) return null;
        var grace = host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.SecretRotationGrace;
        var until = grace > TimeSpan.Zero ? (rotated.Key.WebhookSecretRotatedAt + grace)?.ToUnixTimeSeconds() : null;
        return new AdminRotatedSecretView(AdminKeyView.From(rotated.Key), rotated.WebhookSecret, until);
    }

    public void Dispose() => host.Dispose();
}
