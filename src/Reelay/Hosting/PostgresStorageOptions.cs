namespace Reelay.Hosting;

/// <summary>Section <c>Reelay:Storage:Postgres</c> (environment: <c>Reelay__Storage__Postgres__ConnectionString</c>).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>Npgsql connection string, e.g. <c>Host=db;Database=reelay;Username=reelay;Password=...</c>. Pooling options apply.</summary>
    public string? ConnectionString { get; set; }
}
