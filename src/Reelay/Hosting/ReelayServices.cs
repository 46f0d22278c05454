using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Api.Dialects;
using Reelay.Api.Native;
using Reelay.Credits;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Providers;
using Reelay.Providers.Local;
using Reelay.Scheduling;
using Reelay.Security;
using Reelay.Retention;
using Reelay.Storage.Blobs;
using Reelay.Storage.Blobs.S3;
using Reelay.Storage.Postgres;
using Reelay.Storage.Sqlite;
using Reelay.Upstreams;
using Reelay.Webhooks;

namespace Reelay.Hosting;

/// <summary>Registers every Reelay service; HTTP endpoints are mapped separately by <see cref="ReelayHost"/>.</summary>
public static class ReelayServices
{
    public static IServiceCollection AddReelay(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions(services, configuration);
        var options = ReadOptions(configuration);
        var dataDir = Path.GetFullPath(options.DataDir);
        AddCore(services, options, dataDir);
        AddStorage(services, configuration, options, dataDir);
        AddAccountsAndJobs(services);
        AddMediaAndEngines(services);
        foreach (var provider in ProviderModules.All) provider.AddServices(services);
        AddUpstreams(services, configuration);
        AddSchedulingAndDelivery(services);
        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        // One way for every options class: bound from its documented section, validated at start with messages naming the key.
        // The host registers IConfiguration already; a bare ServiceCollection (tests) gets the one given here.
        services.TryAddSingleton(configuration);
        services.AddOptions<ReelayOptions>().BindConfiguration(ReelayOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReelayOptions>, ReelayOptionsValidator>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .PostConfigure<IOptions<ReelayOptions>>((w, r) =>
            {
                // One outbound policy for the whole node: Reelay:Security allows loopback/private targets for webhooks too.
                w.AllowLoopback |= r.Value.Security.AllowLoopback;
                w.AllowPrivateNetworks |= r.Value.Security.AllowPrivateNetworks;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        // Read once more at registration where they decide which services exist (the blob store, the price table).
        services.AddOptions<BlobStoreOptions>().BindConfiguration(BlobStoreOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BlobStoreOptions>, BlobStoreOptionsValidator>();
        services.AddOptions<PricingOptions>().BindConfiguration(PricingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>();
    }

    /// <summary>Settings needed to construct the backends are read once here; ValidateOnStart reports bad ones by name.</summary>
    private static ReelayOptions ReadOptions(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(ReelayOptions.Section).Get<ReelayOptions>() ?? new ReelayOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the setting ("Failed to convert configuration value at 'Reelay:...'").
            throw new InvalidConfigurationException(ex.Message, ex);
        }
    }

    private static void AddCore(IServiceCollection services, ReelayOptions options, string dataDir)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NodeIdentityLease(options.NodeId, dataDir));
        services.AddSingleton(sp => sp.GetRequiredService<NodeIdentityLease>().Identity);
        services.AddSingleton(sp => new KeySecrets(MasterKey.Load(sp.GetRequiredService<IOptions<ReelayOptions>>().Value)));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReelayOptions>>().Value.ModelCatalogPath is { } path
            ? ModelCatalog.Load(path)
            : ModelCatalog.LoadDefault());
        services.AddSingleton(new OutboundPolicy
        {
            AllowLoopback = options.Security.AllowLoopback,
            AllowPrivateNetworks = options.Security.AllowPrivateNetworks,
        });
    }

    /// <summary>SQLite + file system (embedded default), or PostgreSQL + an S3-compatible bucket shared by a cluster.</summary>
    private static void AddStorage(IServiceCollection services, IConfiguration configuration, ReelayOptions options, string dataDir)
    {
        if (options.Storage.Provider == "postgres") services.AddPostgresStorage(options.Storage.Postgres.ConnectionString ?? "");
        else services.AddSqliteStorage(Path.Combine(dataDir, "reelay.db"));
        var blobs = BlobStoreOptions.Read(configuration);
        if (blobs.Provider == BlobStoreOptions.S3Provider) services.AddS3BlobStore(blobs.S3);
        else
        {
            services.AddSingleton<IBlobStore>(new FileSystemBlobStore(Path.Combine(dataDir, "blobs"), blobs.MinFreeMb * 1024L * 1024L));
            services.AddSingleton<IStartupTask, PartialWriteSweep>();
        }
    }

    private static void AddAccountsAndJobs(IServiceCollection services)
    {
        // Accounts.
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<KeyIssuer>();
        services.AddSingleton<KeyRateLimiter>();
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<BearerAuthFilter>();

        // Credits: prices are read once; a malformed table or override stops the start (PricingOptionsValidator).
        services.AddSingleton(sp => PriceTable.Load(sp.GetRequiredService<IOptions<PricingOptions>>().Value));

        // Jobs.
        services.AddSingleton<VideoRequestValidator>();
        services.AddSingleton<JobChangeNotifier>();
        services.AddSingleton<JobTransitions>();
        services.AddSingleton<JobLeftovers>();
        services.AddSingleton<IStartupTask, WorkDirectorySweep>();
        services.AddSingleton<IStartupTask, OwnLeaseRecovery>();
        services.AddSingleton<JobWriter>();
        services.AddSingleton<JobService>();
        services.AddSingleton<DialectCreateFlow>();
        services.AddSingleton<ResultLinks>();
        services.AddSingleton<InputImageLinks>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<NativeVideoMapper>();
        services.AddSingleton<JobWebhooks>();
        services.AddSingleton<IJobWebhookComposer, NativeWebhookComposer>();
    }

    private static void AddMediaAndEngines(IServiceCollection services)
    {
        services.AddSingleton<FfmpegRunner>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<ImageInputResolver>();
        services.AddSingleton<ResultIngestor>();
        services.AddSingleton<IVideoEngine, LocalEngine>();
        services.AddSingleton<IVideoEngine, NoopEngine>();
        services.AddSingleton<EngineRegistry>();
        services.AddSingleton<IReadinessCheck, FfmpegReadinessCheck>();
    }

    /// <summary>One engine per configured upstream, each behind its own circuit breakers; the router picks.</summary>
    private static void AddUpstreams(IServiceCollection services, IConfiguration configuration)
    {
        var factories = UpstreamEngineFactories.All;
        foreach (var definition in UpstreamConfiguration.Read(configuration, factories))
        {
            services.AddSingleton<IVideoEngine>(sp => new ResilientUpstreamEngine(
                factories[definition.Type].Create(definition, sp), definition, sp.GetRequiredService<TimeProvider>()));
        }
        services.AddSingleton<UpstreamRouter>();
    }

    private static void AddSchedulingAndDelivery(IServiceCollection services)
    {
        services.AddSingleton<SchedulerSignal>();
        services.AddSingleton<UpstreamHints>();
        services.AddSingleton<UpstreamCallbackHints>();
        services.AddSingleton<StepWriter>();
        services.AddSingleton<StepLeaseKeeper>();
        services.AddSingleton<StepIngest>();
        services.AddSingleton<SubmitAdmission>();
        services.AddSingleton<JobStepRunner>();
        services.AddSingleton<SubmitFailover>();
        services.AddHostedService<JobScheduler>();
        services.AddHostedService<LeaseSweeper>();
        services.AddHostedService<ClockStepWatch>();
        services.AddHostedService<UpstreamSweepService>();
        services.AddSingleton<RetentionRunner>();
        services.AddHostedService<RetentionService>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookRetrySchedule>();
        services.AddHostedService<WebhookDispatcher>();
    }
}
