namespace BrainSharp.Fitting;

/// <summary>
/// Spike times (ms) read off a recorded membrane potential, for spike losses and the reported gamma factor.
/// </summary>
public static class RecordedSpikes
{
    /// <summary>Threshold of a spike upstroke, mV (Brian2's COBAHH threshold).</summary>
    public const double UpstrokeThreshold = -20.0;

    /// <summary>
    /// Upward crossings of -20 mV; a trace that never reaches -20 mV is taken as an integrate-and-fire recording (GLIF,
    /// GIF: no upstroke, only the reset), whose spikes are the drops between two samples larger than 2 mV and than 8 times
    /// the median sample-to-sample change (the noise), timed at the middle of the step before them.
    /// </summary>
    public static List<double> Detect(double[] v, double dt)
    {
        var up = UpwardCrossings(v, UpstrokeThreshold, dt);
        if (up.Count > 0 || v.Length == 0 || v.Max() > UpstrokeThreshold) return up;
        var diffs = new double[Math.Max(0, v.Length - 1)];
        for (int k = 1; k < v.Length; k++) diffs[k - 1] = Math.Abs(v[k] - v[k - 1]);
        Array.Sort(diffs);
        double drop = Math.Max(2.0, 8 * (diffs.Length > 0 ? diffs[diffs.Length / 2] : 0));
        var drops = new List<double>();
        for (int k = 1; k < v.Length; k++) if (v[k] - v[k - 1] < -drop) drops.Add((k - 0.5) * dt);
        return drops;
    }

    /// <summary>Times (ms) of upward crossings of <paramref name="threshold"/> (mV), linearly interpolated.</summary>
    public static List<double> UpwardCrossings(double[] v, double threshold, double dt)
    {
        var r = new List<double>();
        for (int k = 1; k < v.Length; k++)
            if (v[k - 1] <= threshold && v[k] > threshold)
                r.Add((k - 1 + (threshold - v[k - 1]) / (v[k] - v[k - 1])) * dt);
        return r;
    }
}
