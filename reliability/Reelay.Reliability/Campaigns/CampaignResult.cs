namespace Reelay.Reliability.Campaigns;

/// <summary>What a campaign measured: figures (each with its target and verdict), details, and the failures it found.</summary>
/// <param name="Findings">Each response or event that broke an invariant, described well enough to reproduce (bounded).</param>
public sealed record CampaignResult(string Id, string Title, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Details, IReadOnlyList<string> Findings)
{
    public bool Passed => Figures.All(f => f.Passed);
}
