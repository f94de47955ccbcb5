using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BrainSharp.Fitting;
using BrainSharp.IO;
using BrainSharp.Plotting;
using Spectre.Console;

namespace BrainSharp.Cli.Commands;

/// <summary>
/// <c>brainsharp fit &lt;config.json&gt;</c>: fits a neuron model to recorded traces as the config describes and writes
/// <c>fit.json</c> (model, fitted parameters with units, loss, mse_mv2, gamma_factor, wall_seconds), <c>loss.png</c>
/// and <c>overlay.png</c> (recorded vs fitted traces) into the output folder.
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "fit description (JSON); see examples/fit-hh-tutorial.json" };
        var outDir = new Option<string?>("--out") { Description = "output folder (default: the config's 'out', else runs/fit)" };
        var method = new Option<string?>("--method") { Description = "levenberg-marquardt | lbfgs | adam | differential-evolution | cma-es (overrides the config)" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the random starts (overrides the config)" };
        var cmd = new Command("fit", "Fit a single-neuron model to recorded voltage traces (gradients through the simulation).")
        {
            config, outDir, method, seed,
        };
        cmd.SetAction(parse =>
        {
            var ctx = CliContext.From(parse);
            FitConfig cfg;
            try { cfg = FitConfig.Load(parse.GetValue(config)!); }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or ArgumentException)
            { throw new UsageException(e.Message, e); }
            string m = parse.GetValue(method) ?? cfg.Method;
            if (!FitConfig.Methods.Contains(m))
                throw new UsageException($"--method '{m}' is not one of {string.Join(", ", FitConfig.Methods)}.");
            string dir = parse.GetValue(outDir) ?? cfg.Out ?? Path.Combine("runs", "fit");
            Directory.CreateDirectory(dir);

            var objective = new TraceObjective(cfg.Model, cfg.Data, cfg.Fit, cfg.Fixed);
            var fitter = new TraceFitter(objective)
            {
                Seed = parse.GetValue(seed) ?? cfg.Seed, Screen = cfg.Screen, Starts = cfg.Starts,
                Method = m switch { "lbfgs" => GradientMethod.Lbfgs, "adam" => GradientMethod.Adam, _ => GradientMethod.LevenbergMarquardt },
            };
            ctx.Output.WriteLine($"fitting {cfg.Model.Name} to {cfg.Data.Protocols} protocols x {cfg.Data.Samples} samples (dt {cfg.Data.Dt} ms) by {m}");
            Action<FitProgress> report = p => ctx.Output.WriteLine(FormattableString.Invariant($"  {p.Seconds,7:F2} s  {p.Evaluations,6} evaluations  MSE {p.BestLoss:G6} mV^2"));
            var result = m switch
            {
                "differential-evolution" => fitter.FitDifferentialEvolution(progress: report),
                "cma-es" => fitter.FitCmaEs(progress: report),
                _ => fitter.FitGradient(report),
            };

            // Simulate the fitted model once more for the overlay and the spike comparison.
            var all = cfg.Model.Defaults();
            foreach (var (k, v) in cfg.Fixed) all[cfg.Model.IndexOf(k)] = v;
            for (int j = 0; j < cfg.Fit.Count; j++) all[cfg.Model.IndexOf(cfg.Fit[j].Name)] = result.Values[j];
            var p = all.Select(x => new Real(x)).ToArray();
            var fitted = new List<double[]>();
            double gammaSum = 0;
            double duration = cfg.Data.Samples * cfg.Data.Dt;
            for (int k = 0; k < cfg.Data.Protocols; k++)
            {
                var v = new Real[cfg.Data.Samples];
                var times = new List<Real>();
                cfg.Model.Simulate<Real>(p, cfg.Data.Currents[k], cfg.Data.Dt, v, times);
                fitted.Add(v.Select(x => x.Value).ToArray());
                var recordedSpikes = RecordedSpikes(cfg.Data.Voltages[k], cfg.Data.Dt);
                gammaSum += SpikeMetrics.GammaFactor(times.Select(t => t.Value).ToList(), recordedSpikes, 2.0, duration);
            }
            double gamma = gammaSum / cfg.Data.Protocols;

            var inv = CultureInfo.InvariantCulture;
            var json = new Dictionary<string, object>
            {
                ["model"] = cfg.Model.Name,
                ["method"] = result.Method,
                ["parameters"] = cfg.Fit.Select((f, j) => (f, j)).ToDictionary(x => x.f.Name, x => (object)new Dictionary<string, object>
                {
                    ["value"] = result.Values[x.j], ["unit"] = cfg.Model.Parameters[cfg.Model.IndexOf(x.f.Name)].Unit,
                    ["lower"] = x.f.Lower, ["upper"] = x.f.Upper,
                }),
                ["loss"] = result.Loss,
                ["mse_mv2"] = result.Loss,
                ["gamma_factor"] = gamma,
                ["gamma_delta_ms"] = 2.0,
                ["wall_seconds"] = result.WallSeconds,
                ["evaluations"] = result.Evaluations,
                ["protocols"] = cfg.Data.Protocols,
                ["samples"] = cfg.Data.Samples,
                ["dt_ms"] = cfg.Data.Dt,
                ["seed"] = fitter.Seed,
                ["history"] = result.History.Select(h => new[] { h.Seconds, h.Evaluations, h.BestLoss }).ToArray(),
            };
            AtomicFile.WriteAllText(Path.Combine(dir, "fit.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
            FitPlot.SaveOverlay(cfg.Data.Voltages, fitted, cfg.Data.Dt, Path.Combine(dir, "overlay.png"), title: $"{cfg.Model.Name}: recorded vs fitted (MSE {result.Loss.ToString("F3", inv)} mV^2)");
            FitPlot.SaveLossCurve(result.History.Select(h => (h.Seconds, h.BestLoss)).ToList(), "MSE (mV^2)", Path.Combine(dir, "loss.png"));

            var t = new Table().Border(ctx.IsTerminal ? TableBorder.Rounded : TableBorder.Ascii);
            t.AddColumn("parameter"); t.AddColumn(new TableColumn("fitted").RightAligned()); t.AddColumn("unit"); t.AddColumn("bounds");
            for (int j = 0; j < cfg.Fit.Count; j++)
                t.AddRow(cfg.Fit[j].Name, result.Values[j].ToString("G6", inv), cfg.Model.Parameters[cfg.Model.IndexOf(cfg.Fit[j].Name)].Unit,
                    Markup.Escape($"[{cfg.Fit[j].Lower.ToString("G4", inv)}, {cfg.Fit[j].Upper.ToString("G4", inv)}]"));
            ctx.Console.Write(t);
            ctx.Output.WriteLine(FormattableString.Invariant($"MSE {result.Loss:F4} mV^2, gamma factor {gamma:F3}, {result.Evaluations} evaluations, {result.WallSeconds:F2} s; wrote {Path.Combine(dir, "fit.json")}"));
            ctx.Output.Flush();
            return Program.Success;
        });
        return cmd;
    }

    /// <summary>
    /// Spikes of a recorded trace (ms): upward crossings of -20 mV; a trace that never reaches -20 mV is taken as an
    /// integrate-and-fire recording (GLIF, GIF: no upstroke, only the reset), whose spikes are the drops between two
    /// samples larger than 2 mV and than 8 times the median sample-to-sample change (the noise), timed at the middle of
    /// the step before them.
    /// </summary>
    internal static List<double> RecordedSpikes(double[] v, double dt)
    {
        var up = UpwardCrossings(v, -20.0, dt);
        if (up.Count > 0 || v.Max() > -20.0) return up;
        var diffs = new double[v.Length - 1];
        for (int k = 1; k < v.Length; k++) diffs[k - 1] = Math.Abs(v[k] - v[k - 1]);
        Array.Sort(diffs);
        double drop = Math.Max(2.0, 8 * (diffs.Length > 0 ? diffs[diffs.Length / 2] : 0));
        var drops = new List<double>();
        for (int k = 1; k < v.Length; k++) if (v[k] - v[k - 1] < -drop) drops.Add((k - 0.5) * dt);
        return drops;
    }

    /// <summary>Times (ms) of upward crossings of <paramref name="threshold"/>, linearly interpolated.</summary>
    internal static List<double> UpwardCrossings(double[] v, double threshold, double dt)
    {
        var r = new List<double>();
        for (int k = 1; k < v.Length; k++)
            if (v[k - 1] <= threshold && v[k] > threshold)
                r.Add((k - 1 + (threshold - v[k - 1]) / (v[k] - v[k - 1])) * dt);
        return r;
    }
}
