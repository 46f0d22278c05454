using Reelay.Hosting;
using System.CommandLine;
using System.Globalization;
using Reelay.Emulation;

namespace Reelay.Emulation;

/// <summary>
/// The options every <c>reelay emulate &lt;provider&gt;</c> command shares (where to listen, how fast timelines run,
/// the fault probabilities and seed, logging); each provider only names its defaults and the states its timelines
/// pass through. Fault flags map one to one onto <see cref="EmulatorFaults"/>.
/// </summary>
public sealed class EmulatorCommonOptions(
    int defaultPort,
    string queueDescription,
    double defaultQueueSeconds,
    string generationDescription,
    double defaultGenerationSeconds,
    string verboseDescription = "Log requests",
    string publicBaseDescription = "Base of result URLs when reached through another address")
{
    public Option<int> Port { get; } = new("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => defaultPort };
    public Option<string> Host { get; } = new("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
    public Option<double> Compression { get; } = new("--time-compression") { Description = "Divide queue and generation times by this factor", DefaultValueFactory = _ => 1 };
    public Option<double> Queue { get; } = new("--queue-seconds") { Description = queueDescription, DefaultValueFactory = _ => defaultQueueSeconds };
    public Option<double> Generation { get; } = new("--generation-seconds") { Description = generationDescription, DefaultValueFactory = _ => defaultGenerationSeconds };
    public Option<string?> PublicBase { get; } = new("--public-base-url") { Description = publicBaseDescription };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the fault rolls", DefaultValueFactory = _ => 42 };
    public Option<bool> Verbose { get; } = new("--verbose") { Description = verboseDescription };

    private readonly Option<double> _create5xx = Probability("--fault-create-5xx", "Create answers 500 or 503");
    private readonly Option<double> _create429 = Probability("--fault-create-429", "Create answers the provider's rate-limit 429");
    private readonly Option<double> _outOfCredit = Probability("--fault-out-of-credit", "Create answers the provider's out-of-credit refusal");
    private readonly Option<double> _timeout = Probability("--fault-create-timeout", "Create hangs 10 min after creating the task");
    private readonly Option<double> _reset = Probability("--fault-connection-reset", "API answers are replaced by a reset connection");
    private readonly Option<double> _malformed = Probability("--fault-malformed-json", "API answers are truncated JSON");
    private readonly Option<double> _schema = Probability("--fault-schema-changed", "API answers use renamed (PascalCase) members");
    private readonly Option<double> _content = Probability("--fault-content-rejected", "Tasks end rejected by the content policy");
    private readonly Option<double> _fail = Probability("--fault-fail-task", "Tasks end failed");
    private readonly Option<double> _slow = Probability("--fault-slow-download", "Result downloads are throttled");
    private readonly Option<double> _truncated = Probability("--fault-truncated-download", "Result downloads stop half-way");
    private readonly Option<bool> _noCallbacks = new("--fault-callbacks-never-come") { Description = "Never send callbacks or webhooks (providers that send them)" };

    /// <summary>Adds every shared option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Port, Host, Compression, Queue, Generation, PublicBase, Seed, Verbose,
                     _create5xx, _create429, _outOfCredit, _timeout, _reset, _malformed, _schema, _content, _fail, _slow, _truncated, _noCallbacks,
                 })
            command.Options.Add(option);
    }

    /// <summary>Sets the shared settings of <paramref name="options"/> from the command line and returns it.</summary>
    public T Apply<T>(ParseResult parse, T options) where T : EmulatorOptions
    {
        options.TimeCompression = parse.GetValue(Compression);
        options.QueueTime = TimeSpan.FromSeconds(parse.GetValue(Queue));
        options.GenerationTime = TimeSpan.FromSeconds(parse.GetValue(Generation));
        options.PublicBaseUrl = parse.GetValue(PublicBase);
        options.ConsoleLogging = parse.GetValue(Verbose);
        options.Faults = Faults(parse);
        return options;
    }

    /// <summary>The listen URL; throws <see cref="CliException"/> on a non-positive time compression.</summary>
    public string Url(ParseResult parse)
    {
        if (parse.GetValue(Compression) <= 0) throw new CliException("--time-compression must be positive");
        return $"http://{parse.GetValue(Host)}:{parse.GetValue(Port).ToString(CultureInfo.InvariantCulture)}";
    }

    public EmulatorFaults Faults(ParseResult parse) => new()
    {
        Seed = parse.GetValue(Seed),
        Create5xx = parse.GetValue(_create5xx),
        Create429 = parse.GetValue(_create429),
        OutOfCredit = parse.GetValue(_outOfCredit),
        CreateTimeout = parse.GetValue(_timeout),
        ConnectionReset = parse.GetValue(_reset),
        MalformedJson = parse.GetValue(_malformed),
        SchemaChanged = parse.GetValue(_schema),
        ContentRejected = parse.GetValue(_content),
        FailTask = parse.GetValue(_fail),
        SlowDownload = parse.GetValue(_slow),
        TruncatedDownload = parse.GetValue(_truncated),
        CallbacksNeverCome = parse.GetValue(_noCallbacks),
    };

    private static Option<double> Probability(string name, string what)
    {
        var option = new Option<double>(name) { Description = what + " (probability 0..1)" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1) r.AddError($"{name} must be between 0 and 1");
        });
        return option;
    }
}
