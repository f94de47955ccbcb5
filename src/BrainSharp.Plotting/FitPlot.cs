using ScottPlot;

namespace BrainSharp.Plotting;

/// <summary>Figures of a neuron fit: recorded vs fitted traces, and the loss against wall time.</summary>
public static class FitPlot
{
    /// <summary>One panel per protocol: recording (grey) and fitted model (colour), membrane potential in mV against time in ms.</summary>
    public static void SaveOverlay(IReadOnlyList<double[]> recorded, IReadOnlyList<double[]> fitted, double dtMs, string path,
        int width = 1000, int panelHeight = 200, FigureFormat? format = null, string? title = null)
    {
        if (recorded.Count == 0 || recorded.Count != fitted.Count)
            throw new ArgumentException($"FitPlot: {recorded.Count} recorded and {fitted.Count} fitted traces.");
        var panels = new List<(Plot, int)>();
        for (int k = 0; k < recorded.Count; k++)
        {
            var plot = new Plot();
            var data = plot.Add.Signal(recorded[k], dtMs, Colors.Gray);
            data.LegendText = "recorded";
            var model = plot.Add.Signal(fitted[k], dtMs, Figure.PopulationColor(0));
            model.LegendText = "fitted model";
            model.LineWidth = 1.2f;
            plot.YLabel($"v (mV), protocol {k}");
            if (k == 0) plot.ShowLegend(Alignment.UpperRight);
            panels.Add((plot, panelHeight));
        }
        panels[0].Item1.Title(title ?? "recorded vs fitted membrane potential");
        panels[^1].Item1.XLabel("time (ms)");
        for (int k = 0; k < panels.Count - 1; k++) panels[k].Item1.Axes.Bottom.TickLabelStyle.IsVisible = false;
        Figure.Save(path, panels, width, format);
    }

    /// <summary>Best loss so far against wall time (log scale on the loss).</summary>
    public static void SaveLossCurve(IReadOnlyList<(double Seconds, double Loss)> history, string lossLabel, string path,
        int width = 800, int height = 500, FigureFormat? format = null, string? title = null)
    {
        if (history.Count == 0) throw new ArgumentException("FitPlot: empty loss history.");
        var plot = new Plot();
        var xs = history.Select(h => h.Seconds).ToArray();
        var ys = history.Select(h => Math.Log10(Math.Max(h.Loss, 1e-300))).ToArray();
        var line = plot.Add.ScatterLine(xs, ys, Figure.PopulationColor(0));
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 4;
        plot.XLabel("wall time (s)");
        plot.YLabel($"log10 {lossLabel}");
        plot.Title(title ?? "best loss so far");
        Figure.Save(path, [(plot, height)], width, format);
    }
}
