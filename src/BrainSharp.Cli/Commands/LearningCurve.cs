using BrainSharp.Learning;

namespace BrainSharp.Cli.Commands;

/// <summary>Draws the training loss and validation accuracy against the step (ScottPlot PNG).</summary>
internal static class LearningCurve
{
    /// <summary>Writes <paramref name="path"/> (800 x 500 px).</summary>
    public static void Save(string path, IReadOnlyList<TrainingRecord> history, string title)
    {
        if (history.Count == 0) return;
        var plt = new ScottPlot.Plot();
        double[] it = history.Select(r => (double)r.Iteration + 1).ToArray();
        var loss = plt.Add.Scatter(it, history.Select(r => r.Loss).ToArray());
        loss.LegendText = "training loss (nats)";
        loss.MarkerSize = 0;
        var val = history.Where(r => !double.IsNaN(r.ValidationAccuracy)).ToArray();
        if (val.Length > 0)
        {
            var acc = plt.Add.Scatter(val.Select(r => (double)r.Iteration + 1).ToArray(), val.Select(r => r.ValidationAccuracy).ToArray());
            acc.LegendText = "validation accuracy";
            acc.Axes.YAxis = plt.Axes.Right;
            plt.Axes.Right.Label.Text = "accuracy";
        }
        plt.Title($"{title}: BPTT learning curve");
        plt.XLabel("training step");
        plt.YLabel("loss (nats)");
        plt.ShowLegend();
        plt.SavePng(path, 800, 500);
    }
}
