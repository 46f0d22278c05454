namespace Reelay.BrowserTests.Support;

/// <summary>Waits for a condition by polling with a deadline (no fixed sleeps).</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, int seconds = 60) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the condition did not hold within {seconds} s");
            await Task.Delay(100);
        }
    }
}
