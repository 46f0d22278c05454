using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reelay.Accounts;
using Reelay.Webhooks;

namespace Reelay.Storage.Postgres;

/// <summary>DI registration of the PostgreSQL backend: one <see cref="PostgresDatabase"/> singleton shared by the four stores.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresDatabase"/> on <paramref name="connectionString"/>, <see cref="IJobStore"/>,
    /// <see cref="IWebhookOutbox"/>, <see cref="IKeyStore"/> and <see cref="IUploadStore"/> over it (singletons), and the
    /// <see cref="PostgresNotificationListener"/> hosted service that wakes this node on other nodes' work. Needs
    /// <see cref="TimeProvider"/>, <see cref="Scheduling.SchedulerSignal"/> and <see cref="Webhooks.WebhookSignal"/>
    /// registrations. Migrations still have to be run (<see cref="IJobStore.MigrateAsync"/>).
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(sp => new PostgresDatabase(
            connectionString, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<PostgresDatabase>>()));
        services.AddSingleton<IJobStore>(sp => new PostgresJobStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IWebhookOutbox>(sp => new PostgresWebhookOutbox(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IKeyStore>(sp => new PostgresKeyStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IUploadStore>(sp => new PostgresUploadStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IRetentionStore>(sp => new PostgresRetentionStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<Credits.ICreditStore>(sp => new PostgresCreditStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddHostedService<PostgresNotificationListener>();
        return services;
    }
}
