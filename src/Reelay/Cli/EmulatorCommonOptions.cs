using System.CommandLine;

namespace Reelay.Cli;

/// <summary>
/// The options every <c>reelay emulate &lt;provider&gt;</c> command shares (where to listen, how fast timelines run,
/// fault seed, logging); each provider only names its defaults and the states its timelines pass through.
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

    public void Deconstruct(out Option<int> port, out Option<string> host, out Option<double> compression, out Option<double> queue,
        out Option<double> generation, out Option<string?> publicBase, out Option<int> seed, out Option<bool> verbose) =>
        (port, host, compression, queue, generation, publicBase, seed, verbose) = (Port, Host, Compression, Queue, Generation, PublicBase, Seed, Verbose);
}
