namespace Reelay.Hosting;

/// <summary>Section <c>Reelay:Storage</c>: where jobs, keys and the webhook outbox live.</summary>
public sealed class StorageOptions
{
    /// <summary><c>sqlite</c> (embedded default: <c>{DataDir}/reelay.db</c>) or <c>postgres</c> (a cluster sharing one database).</summary>
    public string Provider { get; set; } = "sqlite";

    public PostgresStorageOptions Postgres { get; set; } = new();
}
