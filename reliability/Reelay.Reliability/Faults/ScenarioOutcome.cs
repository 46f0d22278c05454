using Reelay.Reliability.Campaigns;

namespace Reelay.Reliability.Faults;

/// <summary>The figures of one scenario, each named after it, and its findings.</summary>
public sealed record ScenarioOutcome(IReadOnlyList<Figure> Figures, string Detail, IReadOnlyList<string> Findings);
