namespace Reelay.Cli;

/// <summary>Entry point of the <c>reelay</c> executable: parses the command line and runs one command.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("reelay: not yet wired");
        return Task.FromResult(args.Length == 0 ? 0 : 0);
    }
}
