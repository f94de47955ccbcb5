using System.CommandLine;
using BrainSharp.IO;
using BrainSharp.Plotting;

namespace BrainSharp.Cli.Commands;

/// <summary>
/// <c>brainsharp plot &lt;file.h5&gt;</c>: redraws the figures of a saved run. A spikes file gives raster and ISI
/// histogram; a traces file gives the trace figure; a checkpoint gives the raster of the spikes recorded so far.
/// </summary>
public static class PlotCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "spikes.h5, a traces file or checkpoint.h5 written by brainsharp" };
        var @out = new Option<string?>("--out", "-o") { Description = "folder for the figures (default: the file's folder)" };
        var format = new Option<string>("--format") { Description = "png or svg", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "svg");
        var cmd = new Command("plot", "Redraw the figures (raster, ISI histogram, traces) from a saved .h5 file.") { file, @out, format };
        cmd.SetAction(parse =>
        {
            var ctx = CliContext.From(parse);
            string path = parse.GetValue(file)!;
            string dir = parse.GetValue(@out) ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
            var fmt = parse.GetValue(format) == "svg" ? FigureFormat.Svg : FigureFormat.Png;
            string ext = fmt == FigureFormat.Svg ? ".svg" : ".png";
            Directory.CreateDirectory(dir);
            var written = new List<string>();
            switch (DataFiles.FormatOf(path))
            {
                case SpikeFile.Format:
                {
                    var rec = SpikeFile.Read(path);
                    RasterPlot.Save(rec, Path.Combine(dir, "raster" + ext), format: fmt);
                    IsiHistogram.Save(rec, Path.Combine(dir, "isi" + ext), format: fmt);
                    written.AddRange(["raster" + ext, "isi" + ext]);
                    break;
                }
                case TraceFile.Format:
                    TracePlot.Save(TraceFile.Read(path), Path.Combine(dir, "traces" + ext), format: fmt);
                    written.Add("traces" + ext);
                    break;
                case SnapshotFile.Format:
                {
                    var rec = CheckpointSpikes(path, SnapshotFile.Read(path));
                    RasterPlot.Save(rec, Path.Combine(dir, "checkpoint-raster" + ext), format: fmt);
                    written.Add("checkpoint-raster" + ext);
                    break;
                }
                case var other:
                    throw new DataFileException(path, $"format '{other}' has no figures (expected {SpikeFile.Format}, {TraceFile.Format} or {SnapshotFile.Format}).");
            }
            foreach (var w in written) ctx.Output.WriteLine(Path.Combine(dir, w));
            return Program.Success;
        });
        return cmd;
    }

    static SpikeRecording CheckpointSpikes(string path, NetworkSnapshot snap)
    {
        var trains = new List<SpikeTrain>();
        foreach (var key in snap.Arrays.Keys.Where(k => k.StartsWith("spikes/", StringComparison.Ordinal) && k.EndsWith("/indices", StringComparison.Ordinal)))
        {
            string pop = key["spikes/".Length..^"/indices".Length];
            var idx = snap.Get<int>(key);
            var steps = snap.Get<int>($"spikes/{pop}/steps");
            int size = snap.Arrays.TryGetValue($"state/{pop}/v", out var v) ? v.Length : (idx.Length == 0 ? 1 : idx.Max() + 1);
            trains.Add(new SpikeTrain(pop, size, idx, steps.Select(s => s * snap.DtMs).ToArray()));
        }
        if (trains.Count == 0) throw new DataFileException(path, "checkpoint holds no spikes/<population>/indices arrays.");
        return new SpikeRecording(trains, Math.Max(snap.TimeMs, snap.DtMs), snap.DtMs, snap.Attributes);
    }
}
