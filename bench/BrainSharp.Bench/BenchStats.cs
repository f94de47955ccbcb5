namespace BrainSharp.Bench;

/// <summary>Summary statistics the benchmark commands quote.</summary>
internal static class BenchStats
{
    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(x => x).ToArray();
        if (s.Length == 0) throw new ArgumentException("BenchStats.Median: no values.", nameof(values));
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
