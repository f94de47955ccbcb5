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
        var config = new Argument<string>("config") { Description = "fit description (JSON); see examples/fit-hh-tutorial.json and examples/fit-glif5-synthetic.json" };
        var outDir = new Option<string?>("--out") { Description = "output folder (default: the config's 'out', else runs/fit)" };
        var method = new Option<string?>("--method") { Description = "levenberg-marquardt | lbfgs | adam | differential-evolution | cma-es (overrides the config)" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the random starts (overrides the config)" };
        var cmd = new Command("fit", "Fit a single-neuron model to recorded traces: voltage MSE, spike residuals, van Rossum or gamma losses (gradients through the simulation).")
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

            TraceFitter fitter;
            try { fitter = cfg.CreateFitter(parse.GetValue(seed), m); }
            catch (ArgumentException e) { throw new UsageException($"fit config '{cfg.Path}': {e.Message}", e); }
            ctx.Output.WriteLine($"fitting {cfg.Model.Name} to {cfg.Data.Protocols} protocols x {cfg.Data.Samples} samples (dt {cfg.Data.Dt} ms) by {m}, loss {cfg.LossKind}");
            bool gradientFree = m is "differential-evolution" or "cma-es";
            if (gradientFree && (cfg.InitialGuess != "none" || cfg.InitialValues != null || cfg.ScreenProtocols != null || cfg.ScreenSamples != null))
                ctx.Output.WriteLine($"note: {m} starts from its own population over the whole box; the config's initial guess and screen keys apply to the gradient methods only.");
            Action<FitProgress> report = p => ctx.Output.WriteLine(FormattableString.Invariant($"  {p.Seconds,7:F2} s  {p.Evaluations,6} evaluations  loss {p.BestLoss:G6}"));
            var result = m switch
            {
                "differential-evolution" => fitter.FitDifferentialEvolution(cfg.Population > 0 ? cfg.Population : 30, cfg.MaxGenerations, report),
                "cma-es" => fitter.FitCmaEs(cfg.Population, cfg.MaxGenerations, report),
                _ => fitter.FitGradient(report),
            };

            // Simulate the fitted model once more for the overlay and the spike comparison.
            var all = cfg.Model.Defaults();
            foreach (var (k, v) in cfg.Fixed) all[cfg.Model.IndexOf(k)] = v;
            for (int j = 0; j < cfg.Fit.Count; j++) all[cfg.Model.IndexOf(cfg.Fit[j].Name)] = result.Values[j];
            var p = all.Select(x => new Real(x)).ToArray();
            var fitted = new List<double[]>();
            double gammaSum = 0, squaredError = 0;
            double gammaDelta = cfg.LossKind == "gamma" ? cfg.GammaDeltaMs : 2.0;
            double duration = cfg.Data.Samples * cfg.Data.Dt;
            for (int k = 0; k < cfg.Data.Protocols; k++)
            {
                var v = new Real[cfg.Data.Samples];
                var times = new List<Real>();
                cfg.Model.Simulate<Real>(p, cfg.Data.Currents[k], cfg.Data.Dt, v, times);
                fitted.Add(v.Select(x => x.Value).ToArray());
                for (int s = 0; s < v.Length; s++) { double e = v[s].Value - cfg.Data.Voltages[k][s]; squaredError += e * e; }
                var recordedSpikes = RecordedSpikes(cfg.Data.Voltages[k], cfg.Data.Dt);
                gammaSum += SpikeMetrics.GammaFactor(times.Select(t => t.Value).ToList(), recordedSpikes, gammaDelta, duration);
            }
            double gamma = gammaSum / cfg.Data.Protocols;
            // The plain voltage MSE over every sample, whatever the loss was (it equals the loss for an unweighted "mse").
            double mse = squaredError / (cfg.Data.Protocols * (double)cfg.Data.Samples);

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
                ["loss_kind"] = cfg.LossKind,
                ["mse_mv2"] = mse,
                ["gamma_factor"] = gamma,
                ["gamma_delta_ms"] = gammaDelta,
                ["wall_seconds"] = result.WallSeconds,
                ["evaluations"] = result.Evaluations,
                ["protocols"] = cfg.Data.Protocols,
                ["samples"] = cfg.Data.Samples,
                ["dt_ms"] = cfg.Data.Dt,
                ["seed"] = fitter.Seed,
                ["initial_guess"] = fitter.LastInitialGuess == null ? cfg.InitialGuess
                    : cfg.Fit.Select((f, j) => (f, j)).ToDictionary(x => x.f.Name, x => (object)fitter.LastInitialGuess[x.j]),
                ["history"] = result.History.Select(h => new[] { h.Seconds, h.Evaluations, h.BestLoss }).ToArray(),
            };
            AtomicFile.WriteAllText(Path.Combine(dir, "fit.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
            FitPlot.SaveOverlay(cfg.Data.Voltages, fitted, cfg.Data.Dt, Path.Combine(dir, "overlay.png"), title: $"{cfg.Model.Name}: recorded vs fitted (MSE {mse.ToString("F3", inv)} mV^2)");
            FitPlot.SaveLossCurve(result.History.Select(h => (h.Seconds, h.BestLoss)).ToList(), cfg.LossKind == "mse" ? "MSE (mV^2)" : $"loss ({cfg.LossKind})", Path.Combine(dir, "loss.png"));

            var t = new Table().Border(ctx.IsTerminal ? TableBorder.Rounded : TableBorder.Ascii);
            t.AddColumn("parameter"); t.AddColumn(new TableColumn("fitted").RightAligned()); t.AddColumn("unit"); t.AddColumn("bounds");
            for (int j = 0; j < cfg.Fit.Count; j++)
                t.AddRow(cfg.Fit[j].Name, result.Values[j].ToString("G6", inv), cfg.Model.Parameters[cfg.Model.IndexOf(cfg.Fit[j].Name)].Unit,
                    Markup.Escape($"[{cfg.Fit[j].Lower.ToString("G4", inv)}, {cfg.Fit[j].Upper.ToString("G4", inv)}]"));
            ctx.Console.Write(t);
            ctx.Output.WriteLine(FormattableString.Invariant($"loss {result.Loss:G6}, MSE {mse:F4} mV^2, gamma factor {gamma:F3}, {result.Evaluations} evaluations, {result.WallSeconds:F2} s; wrote {Path.Combine(dir, "fit.json")}"));
            ctx.Output.Flush();
            return Program.Success;
        });
        return cmd;
    }

    /// <summary>Spikes of a recorded trace (ms); see <see cref="BrainSharp.Fitting.RecordedSpikes.Detect"/>.</summary>
    internal static List<double> RecordedSpikes(double[] v, double dt) => BrainSharp.Fitting.RecordedSpikes.Detect(v, dt);
}
