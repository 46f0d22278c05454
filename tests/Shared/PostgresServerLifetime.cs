namespace Reelay.TestSupport;

/// <summary>xunit starts the server before the first test of <see cref="PostgresCollection"/> and stops it after the last.</summary>
public sealed partial class PostgresServer : IAsyncLifetime;
