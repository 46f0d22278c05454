using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Api.Credits;
using Reelay.Api.Admin;
using Reelay.Api.Dialects;
using Reelay.Api.Native;
using Reelay.Storage;
using Reelay.WebConsole;

namespace Reelay.Hosting;

/// <summary>
/// Builds the two shapes Reelay runs in: the HTTP server (<c>reelay serve</c>, integration tests) and the
/// embedded host of the CLI (same services, scheduler included, no HTTP).
/// </summary>
public static class ReelayHost
{
    /// <summary>The category of ASP.NET Core's per-request log lines, which carry the full URL with its query string.</summary>
    private const string RequestLinesCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplication BuildServer(ServerSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = settings.Args, ContentRootPath = Directory.GetCurrentDirectory() });
        Configure(builder.Configuration, settings.DataDir, settings.Overrides);
        if (settings.Urls is not null) builder.WebHost.UseUrls(settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        // ASP.NET Core's request lines ("Request starting GET .../content?variant=raw&exp=..&sig=..") would write the
        // signatures of signed result and input links to the log, usable by anyone who reads it until they expire. They
        // are never written, whatever the configured levels: the console-specific rule outranks any Logging:Console
        // setting, the general one any Logging:LogLevel setting (both are added after the configuration's rules).
        builder.Logging.AddFilter(RequestLinesCategory, LogLevel.Warning);
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(RequestLinesCategory, LogLevel.Warning);
        builder.Services.AddReelay(builder.Configuration);
        settings.ConfigureServices?.Invoke(builder.Services);

        var maxBody = builder.Configuration.GetValue<long?>("Reelay:MaxRequestBodyBytes") ?? new ReelayOptions().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = maxBody;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(10));
        });
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = maxBody);
        builder.Services.AddExceptionHandler<DependencyUnavailableHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddReelayConsole(Path.GetFullPath(
            builder.Configuration[ConsoleServiceCollectionExtensions.KeyDirectorySetting]
            ?? Path.Combine(builder.Configuration["Reelay:DataDir"] ?? new ReelayOptions().DataDir, "console-keys")));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapVideosApi();
        app.MapModelsApi();
        app.MapUpstreamsApi();
        app.MapCreditsApi();
        app.MapAdminKeysApi();
        app.MapDialects(app.Services.GetServices<IDialect>());
        app.MapReelayConsole();
        return app;
    }

    public static IHost BuildEmbedded(string? dataDir, string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        Configure(builder.Configuration, dataDir, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReelay(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Resolves the validated options: a bad setting throws <see cref="InvalidConfigurationException"/> naming it.</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<ReelayOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new InvalidConfigurationException(string.Join(" ", ex.Failures), ex);
        }
    }

    /// <summary>
    /// Start-up work before serving: validate options (a bad setting stops here with its name), apply
    /// migrations, run the backends' <see cref="IStartupTask"/>s, and on an empty key store create an admin key and print it once to <paramref name="announce"/>.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, TextWriter? announce, CancellationToken ct)
    {
        ValidateOptions(services);
        await services.GetRequiredService<IJobStore>().MigrateAsync(ct);
        foreach (var task in services.GetServices<IStartupTask>()) await task.RunAsync(ct);
        if (announce is not null && await services.GetRequiredService<IKeyStore>().CountAsync(ct) == 0)
        {
            var issued = await services.GetRequiredService<KeyIssuer>().CreateAsync("admin", ApiKeyRole.Admin, ct);
            KeyPrinter.Print(announce, AdminIssuedKeyView.From(issued));
        }
    }

    private static void Configure(IConfigurationManager configuration, string? dataDir, IReadOnlyDictionary<string, string?>? overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (dataDir is not null) values["Reelay:DataDir"] = dataDir;
        if (overrides is not null)
        {
            foreach (var (k, v) in overrides) values[k] = v;
        }
        if (values.Count > 0) configuration.AddInMemoryCollection(values);
    }
}
