namespace Reelay.Reliability.Campaigns;

/// <summary>One campaign of the reliability suite: runs against real parts and reports figures with their targets.</summary>
public interface ICampaign
{
    /// <summary>Short id used by <c>--only</c> and as the report section key, e.g. "fuzz".</summary>
    string Id { get; }

    string Title { get; }

    Task<CampaignResult> RunAsync(ReliabilityOptions options, CancellationToken ct);
}
