using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BrainSharp.Fitting;
using BrainSharp.IO;
using BrainSharp.Random;

namespace BrainSharp.Cli.Commands;

/// <summary>
/// <c>brainsharp synthesize &lt;model&gt; --step 150,250 --out DIR</c>: writes recordings of a fit model at chosen parameter
/// values, for synthetic-recovery fits with <c>brainsharp fit</c>: <c>current.csv</c> (pA) and <c>voltage.csv</c> (mV,
/// 3 decimals, plus Gaussian noise) in the layout of brian2modelfitting's tutorial files (one trace per row), and
/// <c>truth.json</c> with every parameter value used. One protocol per step amplitude: 0 pA, then the amplitude from
/// --onset to --end. The noise of protocol k comes from Philox stream (seed, k), so the files are reproducible.
/// </summary>
public static class SynthesizeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = $"fit model: {string.Join(", ", FitModels.All.Select(m => m.Name))}" };
        var set = new Option<string[]>("--set") { Description = "parameter value, name=value in the model's units (repeatable; others keep their defaults)", Arity = ArgumentArity.OneOrMore };
        var step = new Option<string>("--step") { Description = "step amplitudes, pA, comma-separated: one protocol each", Required = true };
        var onset = new Option<double>("--onset") { Description = "step onset, ms", DefaultValueFactory = _ => 20 };
        var end = new Option<double?>("--end") { Description = "step end, ms (default: the end of the trace)" };
        var duration = new Option<double>("--duration") { Description = "trace length, ms", DefaultValueFactory = _ => 200 };
        var dt = new Option<double>("--dt") { Description = "sampling and integration step, ms", DefaultValueFactory = _ => 0.1 };
        var noise = new Option<double>("--noise") { Description = "standard deviation of the Gaussian recording noise, mV", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the noise", DefaultValueFactory = _ => 1 };
        var @out = new Option<string>("--out", "-o") { Description = "output folder", Required = true };
        var cmd = new Command("synthesize", "Write current/voltage CSV traces of a fit model at chosen parameters (synthetic data for 'brainsharp fit').")
        {
            model, set, step, onset, end, duration, dt, noise, seed, @out,
        };
        cmd.SetAction(parse =>
        {
            var ctx = CliContext.From(parse);
            TraceModel m;
            try { m = FitModels.Get(parse.GetValue(model)!); }
            catch (ArgumentException e) { throw new UsageException(e.Message, e); }
            var p = m.Defaults();
            foreach (var s in parse.GetValue(set) ?? [])
            {
                int eq = s.IndexOf('=');
                if (eq <= 0) throw new UsageException($"--set: '{s}' is not of the form name=value.");
                int idx;
                try { idx = m.IndexOf(s[..eq].Trim()); }
                catch (ArgumentException e) { throw new UsageException($"--set: {e.Message}", e); }
                if (!double.TryParse(s[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
                    throw new UsageException($"--set: value of '{s[..eq]}' is '{s[(eq + 1)..]}', not a finite number ({m.Parameters[idx].Unit}).");
                p[idx] = x;
            }
            var amps = new List<double>();
            foreach (var a in parse.GetValue(step)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                amps.Add(double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
                    ? x : throw new UsageException($"--step: '{a}' is not a number of pA."));
            if (amps.Count == 0) throw new UsageException("--step: give at least one amplitude (pA).");
            double h = parse.GetValue(dt), T = parse.GetValue(duration), t0 = parse.GetValue(onset), t1 = parse.GetValue(end) ?? T;
            double sigma = parse.GetValue(noise);
            if (!(h > 0) || !double.IsFinite(h)) throw new UsageException($"--dt must be a positive number of ms, got {h}.");
            if (!(T >= 2 * h) || !double.IsFinite(T)) throw new UsageException($"--duration must cover at least two steps of {h} ms, got {T}.");
            if (!(t0 >= 0 && t0 <= t1)) throw new UsageException($"--onset ({t0} ms) must be non-negative and not after --end ({t1} ms).");
            if (!(sigma >= 0) || !double.IsFinite(sigma)) throw new UsageException($"--noise must be a non-negative number of mV, got {sigma}.");
            int n = (int)Math.Round(T / h);
            var pr = p.Select(x => new Real(x)).ToArray();
            var currents = new List<double[]>();
            var voltages = new List<double[]>();
            for (int k = 0; k < amps.Count; k++)
            {
                var i = new double[n];
                for (int t = 0; t < n; t++) i[t] = t * h >= t0 && t * h < t1 ? amps[k] : 0;
                var v = new Real[n];
                m.Simulate<Real>(pr, i, h, v);
                var rs = new RandomStream(parse.GetValue(seed), (ulong)k);
                var rec = new double[n];
                for (int t = 0; t < n; t++)
                {
                    rec[t] = v[t].Value + (sigma > 0 ? sigma * rs.NextNormal() : 0);
                    if (!double.IsFinite(rec[t])) throw new UsageException($"{m.Name}: the simulation diverged in protocol {k} ({amps[k]} pA) at {t * h} ms; check the --set values.");
                }
                currents.Add(i); voltages.Add(rec);
            }
            string dir = parse.GetValue(@out)!;
            Directory.CreateDirectory(dir);
            AtomicFile.WriteAllText(Path.Combine(dir, "current.csv"), Csv(currents, "R"));
            AtomicFile.WriteAllText(Path.Combine(dir, "voltage.csv"), Csv(voltages, "F3"));
            var truth = m.Parameters.Select((q, j) => (q, j)).ToDictionary(x => x.q.Name, x => (object)new Dictionary<string, object> { ["value"] = p[x.j], ["unit"] = x.q.Unit });
            AtomicFile.WriteAllText(Path.Combine(dir, "truth.json"), JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["model"] = m.Name, ["parameters"] = truth, ["steps_pA"] = amps, ["onset_ms"] = t0, ["end_ms"] = t1,
                ["duration_ms"] = T, ["dt_ms"] = h, ["noise_mv"] = sigma, ["seed"] = parse.GetValue(seed),
            }, new JsonSerializerOptions { WriteIndented = true }));
            ctx.Output.WriteLine(FormattableString.Invariant($"wrote {amps.Count} protocols x {n} samples of {m.Name} (dt {h} ms, noise {sigma} mV) to {dir}: current.csv (pA), voltage.csv (mV), truth.json"));
            ctx.Output.Flush();
            return Program.Success;
        });
        return cmd;
    }

    // The tutorial layout: a header of sample indices, then one row per trace led by its index.
    private static string Csv(List<double[]> rows, string format)
    {
        var sb = new StringBuilder();
        sb.Append(',').AppendJoin(',', Enumerable.Range(0, rows[0].Length)).Append('\n');
        for (int k = 0; k < rows.Count; k++)
        {
            sb.Append(k);
            foreach (double x in rows[k]) sb.Append(',').Append(x.ToString(format, CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
