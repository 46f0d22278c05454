namespace Reelay.Reliability.Load;

/// <summary>Trends over a run's windows: whether latency drifts and memory grows.</summary>
public static class LoadTrend
{
    /// <summary>Least-squares slope of <paramref name="y"/> over <paramref name="x"/>; 0 with fewer than two points.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length");
        if (x.Count < 2) return 0;
        var mx = x.Average();
        var my = y.Average();
        double num = 0, den = 0;
        for (var i = 0; i < x.Count; i++)
        {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    /// <summary>
    /// Mean of <paramref name="values"/> over the last third divided by the mean over the first third (at least one
    /// value each): above 1 means the figure grew during the run.
    /// </summary>
    public static double LastThirdOverFirst(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var third = Math.Max(1, values.Count / 3);
        var first = values.Take(third).Average();
        var last = values.Skip(values.Count - third).Average();
        return first == 0 ? double.NaN : last / first;
    }
}
