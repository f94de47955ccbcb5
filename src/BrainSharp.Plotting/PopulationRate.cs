using BrainSharp.IO;

namespace BrainSharp.Plotting;

/// <summary>Population firing rate: spikes per neuron per second in consecutive time bins.</summary>
public static class PopulationRate
{
    /// <summary>
    /// Bins [0, durationMs) into bins of <paramref name="binMs"/> ms and returns bin centres (ms) and the
    /// population rate in Hz: count / (neurons * bin / 1000 ms). A last partial bin uses its true width.
    /// </summary>
    public static (double[] CentersMs, double[] RateHz) Compute(SpikeTrain train, double durationMs, double binMs)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(binMs > 0) || !double.IsFinite(binMs)) throw new ArgumentOutOfRangeException(nameof(binMs), binMs, "PopulationRate: bin (ms) must be positive.");
        if (!(durationMs > 0) || !double.IsFinite(durationMs)) throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "PopulationRate: duration (ms) must be positive.");
        int bins = (int)Math.Ceiling(durationMs / binMs - 1e-9);
        var counts = new double[bins];
        foreach (double t in train.Times)
        {
            int b = (int)(t / binMs);
            if (b >= 0 && b < bins) counts[b]++;
            else if (b == bins && t <= durationMs + 1e-9) counts[bins - 1]++; // a spike exactly at the end
        }
        var centers = new double[bins];
        var rate = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            double lo = b * binMs, hi = Math.Min(durationMs, lo + binMs);
            centers[b] = 0.5 * (lo + hi);
            rate[b] = train.Size == 0 ? 0 : counts[b] / (train.Size * (hi - lo) / 1000.0);
        }
        return (centers, rate);
    }

    /// <summary>Mean rate over the whole run, Hz: spikes / (neurons * duration).</summary>
    public static double Mean(SpikeTrain train, double durationMs)
        => train.Size == 0 || durationMs <= 0 ? 0 : train.Count / (train.Size * durationMs / 1000.0);
}
