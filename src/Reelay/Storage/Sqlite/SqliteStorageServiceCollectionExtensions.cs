using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.Webhooks;

namespace Reelay.Storage.Sqlite;

/// <summary>DI registration of the SQLite backend: one <see cref="SqliteDatabase"/> singleton shared by the three stores.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteDatabase"/> on <paramref name="path"/> and <see cref="IJobStore"/>,
    /// <see cref="IWebhookOutbox"/>, <see cref="IKeyStore"/>, <see cref="IUploadStore"/> and <see cref="IRetentionStore"/> over it, all singletons. Needs a
    /// <see cref="TimeProvider"/> registration. Migrations still have to be run (<see cref="IJobStore.MigrateAsync"/>).
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string path)
    {
        services.AddSingleton(sp => new SqliteDatabase(path, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IJobStore>(sp => new SqliteJobStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IWebhookOutbox>(sp => new SqliteWebhookOutbox(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IKeyStore>(sp => new SqliteKeyStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IUploadStore>(sp => new SqliteUploadStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IRetentionStore>(sp => new SqliteRetentionStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<Credits.ICreditStore>(sp => new SqliteCreditStore(sp.GetRequiredService<SqliteDatabase>()));
        return services;
    }
}
