using BrainSharp.IO;
using ScottPlot;

namespace BrainSharp.Plotting;

/// <summary>
/// Spike raster: one dot per spike (x = time in ms, y = neuron, populations stacked and coloured),
/// with the population rates (Hz) beneath on the same time axis.
/// </summary>
public static class RasterPlot
{
    /// <summary>Writes the raster of <paramref name="recording"/> to <paramref name="path"/> (PNG, or SVG for a .svg path or when asked).</summary>
    public static void Save(SpikeRecording recording, string path, int width = 1000, int height = 700, double? rateBinMs = null, FigureFormat? format = null, string? title = null)
        => Figure.Save(path, Panels(recording, height, rateBinMs, title), width, format);

    /// <summary>
    /// Renders a tiny raster in memory and throws the image away. The first figure of a process pays for loading the
    /// native renderer and compiling ScottPlot's drawing code (~0.4 s here); a command that will draw a raster after a
    /// long single-threaded simulation calls this on the idle core first, so the real figure costs only its drawing.
    /// </summary>
    public static void WarmUp()
    {
        var r = new SpikeRecording([new SpikeTrain("warm-up", 2, [0, 1], [0.1, 0.2])], 1.0, 0.1);
        Figure.Render(Panels(r, 200), 200, FigureFormat.Png);
    }

    /// <summary>The raster and rate panels with their heights (about 70% / 30% of <paramref name="height"/>).</summary>
    public static IReadOnlyList<(Plot Plot, int Height)> Panels(SpikeRecording recording, int height = 700, double? rateBinMs = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (height < 200) throw new ArgumentOutOfRangeException(nameof(height), height, "RasterPlot: height must be at least 200 px.");
        double duration = recording.DurationMs > 0 ? recording.DurationMs : recording.DtMs;
        // About 200 bins over the run, but never finer than the time step.
        double bin = rateBinMs ?? Math.Max(recording.DtMs, Math.Max(0.5, Math.Round(duration / 200.0, 1)));

        var raster = new Plot();
        var rate = new Plot();
        int offset = 0;
        bool many = recording.TotalSpikes > 20_000;
        // Past this many spikes a marker per spike costs more to draw than the simulation took (~0.5 s for 150k on this
        // machine) and the dots overlap anyway: draw each population as a pixel-binned occupancy image instead.
        bool dense = recording.TotalSpikes > DenseSpikeCount;
        int imgRows = Math.Max(1, (height - Math.Max(120, height * 3 / 10)) - 60), imgCols = 1000;
        for (int p = 0; p < recording.Populations.Count; p++)
        {
            var pop = recording.Populations[p];
            var color = Figure.PopulationColor(p);
            if (pop.Count > 0 && dense)
            {
                // Every setter of a ScottPlot heatmap regenerates its bitmap: set the colour map and the extent once
                // each (empty cells are transparent by default) and add the plottable afterwards.
                var img = Occupancy(pop, offset, (int)Math.Min(int.MaxValue, recording.TotalNeurons), duration, imgRows, imgCols, out int top, out int bottom);
                var hm = new ScottPlot.Plottables.Heatmap(img) { Colormap = new SolidColormap(color) };
                hm.Extent = new CoordinateRect(0, duration, bottom - 0.5, top - 0.5);
                raster.Add.Plottable(hm);
                raster.Legend.ManualItems.Add(new LegendItem { LabelText = $"{pop.Population} ({pop.Size})", FillColor = color });
            }
            else if (pop.Count > 0)
            {
                var xs = new double[pop.Count];
                var ys = new double[pop.Count];
                for (int k = 0; k < pop.Count; k++) { xs[k] = pop.Times[k]; ys[k] = offset + pop.Indices[k]; }
                var m = raster.Add.Markers(xs, ys, MarkerShape.FilledSquare, many ? 1f : 2f, color);
                m.LegendText = $"{pop.Population} ({pop.Size})";
            }
            var (cx, hz) = PopulationRate.Compute(pop, duration, bin);
            var line = rate.Add.ScatterLine(cx, hz, color);
            line.LineWidth = 1.5f;
            line.LegendText = $"{pop.Population}: {PopulationRate.Mean(pop, duration):0.##} Hz";
            offset += pop.Size;
        }
        raster.Axes.SetLimits(0, duration, -0.5, Math.Max(offset, 1) - 0.5);
        raster.YLabel("neuron index");
        raster.Axes.Bottom.TickLabelStyle.IsVisible = false;
        raster.Title((title ?? DefaultTitle(recording)) + $"; rates in {bin:0.##} ms bins");
        if (recording.Populations.Count > 1) raster.ShowLegend(Alignment.UpperRight);

        rate.Axes.AutoScale();
        var lim = rate.Axes.GetLimits();
        rate.Axes.SetLimits(0, duration, 0, Math.Max(1, lim.Top * 1.05));
        rate.XLabel("time (ms)");
        rate.YLabel("rate (Hz)");
        rate.ShowLegend(Alignment.UpperRight);

        int rateHeight = Math.Max(120, height * 3 / 10);
        return [(raster, height - rateHeight), (rate, rateHeight)];
    }

    /// <summary>Above this many spikes the raster is drawn as an image (see <see cref="Panels"/>).</summary>
    public const int DenseSpikeCount = 60_000;

    // Rows of the whole raster's image that fall in this population's index range, each cell 1 where a spike lands
    // and NaN (transparent) elsewhere; row 0 is the top (highest neuron index).
    static double[,] Occupancy(SpikeTrain pop, int offset, int totalNeurons, double duration, int rows, int cols, out int top, out int bottom)
    {
        rows = Math.Min(rows, Math.Max(1, totalNeurons));
        double perRow = Math.Max(1, totalNeurons) / (double)rows;
        int rowHi = (int)Math.Floor((totalNeurons - offset - 1) / perRow), rowLo = (int)Math.Floor((totalNeurons - offset - pop.Size) / perRow);
        rowHi = Math.Clamp(rowHi, 0, rows - 1); rowLo = Math.Clamp(rowLo, 0, rows - 1);
        int n = rowHi - rowLo + 1;
        var img = new double[n, cols];
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref img[0, 0], img.Length).Fill(double.NaN);
        for (int k = 0; k < pop.Count; k++)
        {
            int row = Math.Clamp((int)Math.Floor((totalNeurons - 1 - (offset + pop.Indices[k])) / perRow), rowLo, rowHi) - rowLo;
            int col = Math.Clamp((int)(pop.Times[k] / duration * cols), 0, cols - 1);
            img[row, col] = 1;
        }
        top = (int)Math.Round(totalNeurons - rowLo * perRow);
        bottom = (int)Math.Round(totalNeurons - (rowHi + 1) * perRow);
        return img;
    }

    sealed class SolidColormap(Color color) : IColormap
    {
        public string Name => "solid";
        public Color GetColor(double position) => color;
    }

    static string DefaultTitle(SpikeRecording r)
    {
        string model = r.Metadata.TryGetValue("model", out var m) ? m + ": " : "";
        return $"{model}{r.TotalNeurons} neurons, {r.TotalSpikes} spikes in {r.DurationMs:0.##} ms";
    }
}
