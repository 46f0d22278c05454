namespace Reelay.IntegrationTests.Support;

/// <summary>Polls a condition until it holds or a deadline passes — never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} did not happen within {timeout}; last value: {last}");
            await Task.Delay(50);
        }
    }
}
