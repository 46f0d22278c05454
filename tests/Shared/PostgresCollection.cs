namespace Reelay.TestSupport;

/// <summary>The test classes that share the run's one <see cref="PostgresServer"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
