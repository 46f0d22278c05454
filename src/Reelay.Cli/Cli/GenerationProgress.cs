using Spectre.Console;

namespace Reelay.Cli;

/// <summary>
/// Shows a job's progress: a live bar on a terminal, or one line per change when output is redirected
/// (CI logs, scripts), so both stay readable.
/// </summary>
public sealed class GenerationProgress
{
    private string? _lastLine;

    public async Task<T> RunAsync<T>(string title, Func<Action<string, int>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work((status, percent) =>
            {
                var line = $"{status} {percent}%";
                if (line == _lastLine) return;
                _lastLine = line;
                Console.Error.WriteLine(line);
            });
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 100);
                result = await work((status, percent) =>
                {
                    task.Description = Markup.Escape($"{title} [{status}]");
                    task.Value = percent;
                });
                task.Value = 100;
                task.StopTask();
            });
        return result;
    }
}
