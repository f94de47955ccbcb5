using ScottPlot;

namespace BrainSharp.Plotting;

/// <summary>Histogram of synaptic weights (e.g. after plasticity), with the weight unit on the x axis.</summary>
public static class WeightHistogram
{
    /// <summary>Writes a histogram of <paramref name="weights"/> (unit <paramref name="unit"/>, e.g. "nS") with <paramref name="bins"/> bins.</summary>
    public static void Save(ReadOnlySpan<float> weights, string unit, string path, int bins = 50, int width = 800, int height = 500, FigureFormat? format = null, string? title = null)
    {
        if (weights.Length == 0) throw new ArgumentException("WeightHistogram: no weights to plot.", nameof(weights));
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "WeightHistogram: bins must be at least 1.");
        double lo = double.MaxValue, hi = double.MinValue;
        foreach (float w in weights)
        {
            if (!float.IsFinite(w)) throw new ArgumentException($"WeightHistogram: weight {w} is not finite.", nameof(weights));
            lo = Math.Min(lo, w); hi = Math.Max(hi, w);
        }
        if (hi <= lo) { lo -= 0.5; hi += 0.5; }
        var h = ScottPlot.Statistics.Histogram.WithBinCount(bins, lo, hi);
        foreach (float w in weights) h.Add(w);
        var plot = new Plot();
        plot.Add.Histogram(h, Figure.PopulationColor(0));
        plot.XLabel($"weight ({unit})");
        plot.YLabel("synapses");
        plot.Title(title ?? $"{weights.Length} weights, mean {Mean(weights):0.###} {unit}");
        Figure.Save(path, [(plot, height)], width, format);
    }

    static double Mean(ReadOnlySpan<float> w) { double s = 0; foreach (var x in w) s += x; return s / w.Length; }
}
