using BrainSharp.IO;
using ScottPlot;

namespace BrainSharp.Plotting;

/// <summary>Inter-spike-interval histogram: intervals between consecutive spikes of the same neuron, pooled per population.</summary>
public static class IsiHistogram
{
    /// <summary>The inter-spike intervals (ms) of one population, neuron by neuron in index order.</summary>
    public static double[] Intervals(SpikeTrain train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var last = new double[train.Size];
        Array.Fill(last, double.NaN);
        // Sort by (time) within each neuron: spikes are usually time-ordered, but files may not be.
        var order = Enumerable.Range(0, train.Count).OrderBy(k => train.Indices[k]).ThenBy(k => train.Times[k]).ToArray();
        var isi = new List<double>(Math.Max(0, train.Count - train.Size));
        foreach (int k in order)
        {
            int n = train.Indices[k];
            if (!double.IsNaN(last[n])) isi.Add(train.Times[k] - last[n]);
            last[n] = train.Times[k];
        }
        return isi.ToArray();
    }

    /// <summary>Writes the ISI histogram (one coloured outline per population, counts vs ms) to <paramref name="path"/>.</summary>
    public static void Save(SpikeRecording recording, string path, double binMs = 2, int width = 800, int height = 500, FigureFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (!(binMs > 0)) throw new ArgumentOutOfRangeException(nameof(binMs), binMs, "IsiHistogram: bin (ms) must be positive.");
        var plot = new Plot();
        double maxIsi = 0;
        var all = new List<double[]>();
        foreach (var p in recording.Populations) { var i = Intervals(p); all.Add(i); foreach (var x in i) maxIsi = Math.Max(maxIsi, x); }
        double hi = Math.Max(binMs, Math.Ceiling(maxIsi / binMs) * binMs + binMs);
        for (int p = 0; p < all.Count; p++)
        {
            if (all[p].Length == 0) continue;
            var h = ScottPlot.Statistics.Histogram.WithBinSize(binMs, 0, hi);
            h.AddRange(all[p]);
            var color = Figure.PopulationColor(p).WithAlpha(0.6);
            plot.Add.Histogram(h, color);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{recording.Populations[p].Population} (n={all[p].Length})", FillColor = color });
        }
        plot.XLabel("inter-spike interval (ms)");
        plot.YLabel("count");
        plot.Title($"ISI histogram, {binMs:0.##} ms bins");
        plot.ShowLegend(Alignment.UpperRight);
        Figure.Save(path, [(plot, height)], width, format);
    }
}
