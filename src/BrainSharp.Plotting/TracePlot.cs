using BrainSharp.IO;
using ScottPlot;

namespace BrainSharp.Plotting;

/// <summary>State traces (e.g. membrane potentials): one panel per distinct variable and unit, stacked on a shared time axis.</summary>
public static class TracePlot
{
    /// <summary>Writes the traces to <paramref name="path"/>; each panel is <paramref name="panelHeight"/> px high.</summary>
    public static void Save(IReadOnlyList<StateTrace> traces, string path, int width = 1000, int panelHeight = 260, FigureFormat? format = null, string? title = null)
        => Figure.Save(path, Panels(traces, panelHeight, title), width, format);

    /// <summary>Builds one panel per (variable, unit) pair, in first-seen order.</summary>
    public static IReadOnlyList<(Plot Plot, int Height)> Panels(IReadOnlyList<StateTrace> traces, int panelHeight = 260, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (traces.Count == 0) throw new ArgumentException("TracePlot: no traces to plot.", nameof(traces));
        var keys = new List<(string Var, string Unit)>();
        foreach (var t in traces) if (!keys.Contains((t.Variable, t.Unit))) keys.Add((t.Variable, t.Unit));
        double tMin = double.MaxValue, tMax = double.MinValue;
        foreach (var t in traces)
        {
            tMin = Math.Min(tMin, t.T0Ms);
            tMax = Math.Max(tMax, t.TimeOf(Math.Max(0, t.Samples - 1)));
        }
        if (!(tMax > tMin)) tMax = tMin + 1;

        var panels = new List<(Plot, int)>();
        int color = 0;
        foreach (var (v, unit) in keys)
        {
            var plot = new Plot();
            foreach (var t in traces)
            {
                if (t.Variable != v || t.Unit != unit) continue;
                for (int j = 0; j < t.Neurons.Length; j++)
                {
                    var ys = new double[t.Samples];
                    for (int s = 0; s < ys.Length; s++) ys[s] = t[s, j];
                    var sig = plot.Add.Signal(ys, t.DtMs, Figure.PopulationColor(color++));
                    sig.Data.XOffset = t.T0Ms;
                    sig.LineWidth = 1.2f;
                    sig.LegendText = $"{t.Population}[{t.Neurons[j]}]";
                }
            }
            plot.YLabel($"{v} ({unit})");
            plot.Axes.AutoScaleY();
            var lim = plot.Axes.GetLimits();
            plot.Axes.SetLimits(tMin, tMax, lim.Bottom, lim.Top);
            if (color <= 10) plot.ShowLegend(Alignment.UpperRight);
            panels.Add((plot, panelHeight));
        }
        panels[0].Item1.Title(title ?? "state traces");
        panels[^1].Item1.XLabel("time (ms)");
        for (int k = 0; k < panels.Count - 1; k++) panels[k].Item1.Axes.Bottom.TickLabelStyle.IsVisible = false;
        return panels;
    }
}
