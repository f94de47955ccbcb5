using System.Diagnostics;
using System.Globalization;
using BrainSharp.IO;
using BrainSharp.Networks;
using BrainSharp.Plotting;
using BrainSharp.Running;
using Spectre.Console;

namespace BrainSharp.Cli.Running;

/// <summary>
/// Builds a reference network from a <see cref="RunSpec"/>, runs it (optionally from a checkpoint), writes
/// checkpoints, spikes.h5, raster.png and summary.json into the output folder, and prints the summary.
/// Shared by <c>simulate</c> and <c>resume</c> so both produce identical files.
/// </summary>
public static class SimulationSession
{
    /// <summary>File name of the checkpoint written every --checkpoint-every ms (overwritten atomically).</summary>
    public const string CheckpointFile = "checkpoint.h5";

    /// <summary>Returns a fresh model with <paramref name="spec"/>'s overrides applied; bad names or values throw <see cref="UsageException"/>.</summary>
    public static ReferenceNetwork CreateModel(RunSpec spec)
    {
        ReferenceNetwork model;
        try { model = ReferenceNetworks.Create(spec.Model); }
        catch (KeyNotFoundException) { throw new UsageException($"unknown model '{spec.Model}' (allowed: {string.Join(", ", ReferenceNetworks.Names)})."); }
        foreach (var (name, value) in spec.Overrides)
        {
            try { model.Set(name, value); }
            catch (ArgumentException e) { throw new UsageException($"--set {name}={value}: {e.Message.Split(" (Parameter")[0]}", e); }
        }
        return model;
    }

    /// <summary>Runs <paramref name="spec"/>; with <paramref name="resume"/> continues from that checkpoint. Returns the summary.</summary>
    public static RunSummary Execute(RunSpec spec, CliContext ctx, NetworkSnapshot? resume = null)
    {
        var model = CreateModel(spec);
        Directory.CreateDirectory(spec.OutDir);
        // Prepare the figure renderer (see RasterPlot.WarmUp) on another core while the network is built, and let it
        // finish before the run: alongside the steps it slowed them by 14 % (CUBA-4000 through the CLI, 12 alternated
        // runs; its allocations bring a collection into the run, and the two cores share caches), while beside a build
        // of a second or more (64000 neurons) it is free. A failure here surfaces, with its message, when the raster is drawn.
        Task? figureWarmUp = Environment.ProcessorCount > 1
            ? Task.Run(() => { try { RasterPlot.WarmUp(); } catch (Exception) { } })
            : null;

        long t0 = Stopwatch.GetTimestamp();
        var built = model.Build(spec.Neurons, spec.Seed, spec.Storage, spec.Threads);
        using var sim = new Simulator(built.Network, spec.DtMs);
        double buildSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        figureWarmUp?.Wait();

        int pops = built.Populations.Count;
        var earlierIdx = new int[pops][];
        var earlierSteps = new int[pops][];
        for (int p = 0; p < pops; p++) { earlierIdx[p] = []; earlierSteps[p] = []; }
        double startMs = 0;
        if (resume is not null)
        {
            sim.Restore(StateSnapshotConverter.ToStateSnapshot(resume));
            for (int p = 0; p < pops; p++)
            {
                string name = built.Populations[p].Name;
                earlierIdx[p] = resume.Get<int>($"spikes/{name}/indices");
                earlierSteps[p] = resume.Get<int>($"spikes/{name}/steps");
            }
            startMs = resume.TimeMs;
        }
        // The garbage of the build, the warm-up and a restore is collected now, not by a pause inside the run (1
        // collection of 0.7-2.5 ms fell into every CUBA-4000 run, 2-7 % of its steps).
        GC.Collect();

        long totalSteps = (long)Math.Round(spec.DurationMs / spec.DtMs);
        long chunk = spec.CheckpointEveryMs > 0 ? Math.Max(1, (long)Math.Round(spec.CheckpointEveryMs / spec.DtMs)) : long.MaxValue;
        double runSeconds = 0;

        void Loop(Action<double, double> report)
        {
            long startStep = sim.Clock.Step;
            // The first report pays for the console's and the formatter's first use (5-20 ms): make it before the clock runs.
            report(0, sim.Clock.T);
            while (sim.Clock.Step < totalSteps)
            {
                long step = sim.Clock.Step;
                // Checkpoints fall on absolute multiples of the interval, so a resumed run writes them where the original would have.
                long next = chunk == long.MaxValue ? totalSteps : Math.Min(totalSteps, (step / chunk + 1) * chunk);
                var r = sim.Run((next - step) * spec.DtMs, p => report(
                    (sim.Clock.Step - startStep) / (double)Math.Max(1, totalSteps - startStep), sim.Clock.T));
                runSeconds += r.RunSeconds;
                if (sim.Clock.Step < totalSteps && chunk != long.MaxValue)
                    WriteCheckpoint(Path.Combine(spec.OutDir, CheckpointFile), spec, sim, built, earlierIdx, earlierSteps);
            }
            report(1, sim.Clock.T);
        }

        string label = $"{spec.Model} {spec.Neurons} neurons, {spec.DurationMs.ToString("0.##", CultureInfo.InvariantCulture)} ms";
        if (ctx.IsTerminal)
        {
            ctx.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(pc =>
                {
                    var task = pc.AddTask(label, maxValue: 1.0);
                    Loop((f, _) => task.Value = f);
                });
        }
        else
        {
            // Pipes and files get one line per 10 %, flushed so a tail -f shows progress. The run is cut into no more chunks
            // than that: each chunk restarts the worker threads, whose wake-up costs 0.1-0.2 ms on this kind of VM.
            sim.ProgressReports = 10;
            int lastDecile = -1;
            var wall = Stopwatch.StartNew();
            Loop((f, t) =>
            {
                int decile = (int)Math.Floor(f * 10 + 1e-9);
                if (decile <= lastDecile) return;
                lastDecile = decile;
                ctx.Output.WriteLine(FormattableString.Invariant($"progress {decile * 10,3}%  t = {t:0.0} ms  ({wall.Elapsed.TotalSeconds:0.0} s)"));
                ctx.Output.Flush();
            });
        }

        // Collect spikes: those before the checkpoint (if resumed) followed by this process's.
        var trains = new List<SpikeTrain>(pops);
        var popRows = new List<(string, int, long, double)>(pops);
        for (int p = 0; p < pops; p++)
        {
            var g = built.Populations[p];
            var m = built.SpikeMonitors[p];
            var idx = new int[earlierIdx[p].Length + m.Count];
            var times = new double[idx.Length];
            earlierIdx[p].CopyTo(idx, 0);
            m.Indices.CopyTo(idx.AsSpan(earlierIdx[p].Length));
            for (int k = 0; k < earlierSteps[p].Length; k++) times[k] = earlierSteps[p][k] * spec.DtMs;
            var steps = m.Steps;
            for (int k = 0; k < steps.Length; k++) times[earlierSteps[p].Length + k] = steps[k] * spec.DtMs;
            var train = new SpikeTrain(g.Name, g.Size, idx, times);
            trains.Add(train);
            popRows.Add((g.Name, g.Size, train.Count, PopulationRate.Mean(train, spec.DurationMs)));
        }
        var meta = new Dictionary<string, string>(spec.ToAttributes().Where(kv => kv.Key != "set" || kv.Value.Length > 0));
        var recording = new SpikeRecording(trains, spec.DurationMs, spec.DtMs, meta);

        var files = new List<string> { "spikes.h5", "raster.png", "summary.json" };
        // The spike file and the raster are independent: write them side by side.
        var spikeFile = Task.Run(() => SpikeFile.Write(Path.Combine(spec.OutDir, "spikes.h5"), recording));
        RasterPlot.Save(recording, Path.Combine(spec.OutDir, "raster.png"));
        spikeFile.GetAwaiter().GetResult(); // rethrows the writer's own exception, not an AggregateException
        if (chunk != long.MaxValue && File.Exists(Path.Combine(spec.OutDir, CheckpointFile))) files.Add(CheckpointFile);

        long synapses = 0;
        foreach (var proj in built.Projections) synapses += proj.SynapseCount;
        var summary = new RunSummary
        {
            Model = spec.Model, Neurons = recording.TotalNeurons, Synapses = synapses, DurationMs = spec.DurationMs, DtMs = spec.DtMs,
            Seed = spec.Seed, Threads = spec.Threads, Connectivity = spec.StorageName, Spikes = recording.TotalSpikes,
            MeanRateHz = recording.TotalNeurons == 0 || spec.DurationMs <= 0 ? 0 : recording.TotalSpikes / (double)recording.TotalNeurons / (spec.DurationMs / 1000.0),
            BuildSeconds = buildSeconds, RunSeconds = runSeconds, ResumedFromMs = startMs, Populations = popRows,
            Parameters = model.Parameters.Select(p => (p.Name, model.Get(p.Name), p.Unit)).ToArray(),
            ReferenceRate = model.ReferenceRate, Files = files,
        };
        AtomicFile.WriteAllText(Path.Combine(spec.OutDir, "summary.json"), summary.ToJson());
        SummaryTable.Print(ctx, summary, spec.OutDir);
        return summary;
    }

    /// <summary>Writes the network state, the run spec and the spikes so far to <paramref name="path"/> atomically.</summary>
    static void WriteCheckpoint(string path, RunSpec spec, Simulator sim, BuiltNetwork built, int[][] earlierIdx, int[][] earlierSteps)
    {
        var snap = StateSnapshotConverter.ToNetworkSnapshot(sim.Snapshot());
        foreach (var kv in spec.ToAttributes()) snap.Attributes[kv.Key] = kv.Value;
        for (int p = 0; p < built.Populations.Count; p++)
        {
            var g = built.Populations[p];
            var m = built.SpikeMonitors[p];
            snap.Arrays[$"spikes/{g.Name}/indices"] = (int[])[.. earlierIdx[p], .. m.Indices];
            snap.Arrays[$"spikes/{g.Name}/steps"] = (int[])[.. earlierSteps[p], .. m.Steps];
            // Readable copies of the named state variables (not used to restore; for inspection with h5py/h5dump).
            foreach (var v in g.States) snap.Arrays[$"state/{g.Name}/{v.Name}"] = v.Values.ToArray();
        }
        SnapshotFile.Write(path, snap);
    }
}
