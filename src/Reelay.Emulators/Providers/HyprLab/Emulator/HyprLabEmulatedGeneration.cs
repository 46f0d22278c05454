using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.HyprLab.Emulator;

/// <summary>
/// One generation of the HyprLab emulator. Its whole life is fixed at submit time, so its status at any instant is
/// computed, never stored: <c>pending</c>, <c>processing</c>, then <c>succeeded</c> (<c>data[0].url</c>) or
/// <c>failed</c> (<c>error.message</c>).
/// </summary>
internal sealed class HyprLabEmulatedGeneration : TimedTask
{
    public const string ContentRejectedMessage = "Your request was rejected as a result of our safety system (content_policy_violation, emulated fault)";
    public const string FailedMessage = "Video generation failed: upstream provider error (emulated fault)";

    /// <summary>The request as the emulator read it (canonical form; the HyprLab model name is in its extensions).</summary>
    public required VideoRequest Request { get; init; }

    public HyprLabGenerationStatus At(DateTimeOffset now, Func<HyprLabEmulatedGeneration, string> resultUrl)
    {
        var created = SubmittedAt.ToUnixTimeSeconds();
        if (now < StartsAt) return new HyprLabGenerationStatus(Id, HyprLabStatus.Pending, created, null, null);
        if (now < EndsAt) return new HyprLabGenerationStatus(Id, HyprLabStatus.Processing, created, null, null);
        return Outcome == EmulatedOutcome.Succeed
            ? new HyprLabGenerationStatus(Id, HyprLabStatus.Succeeded, created, [new HyprLabUrl(resultUrl(this))], null)
            : new HyprLabGenerationStatus(Id, HyprLabStatus.Failed, created, null,
                new HyprLabFailure(Outcome == EmulatedOutcome.ContentRejected ? ContentRejectedMessage : FailedMessage));
    }
}
