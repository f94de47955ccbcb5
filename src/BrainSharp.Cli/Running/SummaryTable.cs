using System.Globalization;
using Spectre.Console;

namespace BrainSharp.Cli.Running;

/// <summary>Prints a <see cref="RunSummary"/> as a Spectre table (plain text when not on a terminal).</summary>
public static class SummaryTable
{
    /// <summary>Writes the table to the context's console.</summary>
    public static void Print(CliContext ctx, RunSummary s, string outDir)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = new Table().Border(ctx.IsTerminal ? TableBorder.Rounded : TableBorder.Ascii).Title($"{s.Model} summary");
        t.AddColumn("quantity");
        t.AddColumn(new TableColumn("value").RightAligned());
        void Row(string k, string v) => t.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("model", s.Model);
        Row("neurons", s.Neurons.ToString(inv));
        Row("synapses", s.Synapses.ToString(inv));
        Row("duration (ms)", s.DurationMs.ToString("0.###", inv));
        Row("dt (ms)", s.DtMs.ToString("0.####", inv));
        Row("seed", s.Seed.ToString(inv));
        Row("threads", s.Threads.ToString(inv));
        Row("connectivity", s.Connectivity);
        Row("spikes", s.Spikes.ToString(inv));
        Row("mean rate (Hz)", s.MeanRateHz.ToString("0.###", inv));
        foreach (var p in s.Populations) Row($"  {p.Name} rate (Hz)", p.RateHz.ToString("0.###", inv));
        if (s.ReferenceRate.Length > 0) Row("reference", s.ReferenceRate);
        if (s.ResumedFromMs > 0) Row("resumed from (ms)", s.ResumedFromMs.ToString("0.###", inv));
        Row("build (s)", s.BuildSeconds.ToString("0.###", inv));
        Row("run (s)", s.RunSeconds.ToString("0.###", inv));
        Row("output", outDir);
        ctx.Console.Write(t);
        ctx.Output.Flush();
    }
}
