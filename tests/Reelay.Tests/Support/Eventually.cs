using System.Diagnostics;

namespace Reelay.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes: waiting on state without fixed sleeps.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? within = null)
    {
        var deadline = within ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline) throw new TimeoutException($"timed out waiting until {because}");
            await Task.Delay(5);
        }
    }
}
