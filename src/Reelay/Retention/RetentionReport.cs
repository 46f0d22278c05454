namespace Reelay.Retention;

/// <summary>What one retention pass did: jobs whose result files were deleted, and job records deleted.</summary>
public sealed record RetentionReport(int ResultsExpired, int RecordsDeleted);
