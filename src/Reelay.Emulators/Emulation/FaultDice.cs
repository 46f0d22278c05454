namespace Reelay.Emulation;

/// <summary>Seeded, thread-safe fault rolls: probabilities 0 and 1 never consume randomness, so they stay exact.</summary>
internal sealed class FaultDice(int seed)
{
    private readonly Lock _lock = new();
    private readonly Random _random = new(seed);

    public bool Roll(double probability)
    {
        if (probability <= 0) return false;
        if (probability >= 1) return true;
        lock (_lock) return _random.NextDouble() < probability;
    }

    /// <summary>A uniform draw in [0, 1).</summary>
    public double Next() { lock (_lock) return _random.NextDouble(); }
}
