using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

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

    /// <summary>Like <see cref="TrueAsync(Func{bool}, string, TimeSpan?)"/> for a condition that reads a store: awaited, never blocking a pool thread.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? within = null)
    {
        var deadline = within ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline) throw new TimeoutException($"timed out waiting until {because}");
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Like <see cref="TrueAsync(Func{bool}, string, TimeSpan?)"/>, but moves <paramref name="clock"/> by <paramref name="step"/> (25 ms by default) at
    /// each look, so a background loop timed by that clock (an emulator's webhook scan) keeps getting its next tick.
    /// </summary>
    public static Task TrueAdvancingAsync(FakeTimeProvider clock, Func<bool> condition, string because, TimeSpan? step = null) =>
        TrueAsync(() =>
        {
            if (condition()) return true;
            clock.Advance(step ?? TimeSpan.FromMilliseconds(25));
            return false;
        }, because);
}
