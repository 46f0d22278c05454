namespace Reelay.Providers.Leonardo;

/// <summary>
/// One Leonardo video model and how Reelay runs it. Models with a Reelay catalog counterpart (Kling) run as that
/// model; Leonardo's own (MOTION2*, VEO3*) run on the catalog model <c>local</c>, with the requested name kept on the job.
/// </summary>
/// <param name="Name">Leonardo's upper-case name (MOTION2, KLING2_5, ...).</param>
/// <param name="CatalogModel">The Reelay catalog model the job runs as.</param>
/// <param name="FixedSizes">When set, the only width×height pairs the model accepts.</param>
public sealed record LeonardoModel(
    string Name,
    string CatalogModel,
    IReadOnlyList<int> Durations,
    int DefaultDuration,
    bool Elements,
    bool EndFrame,
    IReadOnlyList<(int Width, int Height)>? FixedSizes = null);
