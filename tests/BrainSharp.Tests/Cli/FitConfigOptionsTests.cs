using System.Text.Json;
using BrainSharp.Fitting;

namespace BrainSharp.Tests.Cli;

public class FitConfigOptionsTests
{
    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "BrainSharp.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root not found");
    }

    private static string Glif5Data() => Path.Combine(RepoRoot(), "examples", "data", "glif5-synthetic");

    [Fact]
    public void TheDocumentedSynthesizeCommandReproducesTheCommittedGlif5Data()
    {
        string dir = Directory.CreateTempSubdirectory("synth").FullName;
        var (code, _, err) = CliRunner.Run("synthesize", "glif5", "--set", "C=70", "--set", "G=8", "--set", "E_L=-75", "--set", "Theta_inf=-50",
            "--set", "delta_V=5", "--step", "100,250,400", "--duration", "200", "--dt", "0.1", "--noise", "0.5", "--seed", "5", "--out", dir);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(Path.Combine(Glif5Data(), "current.csv")), File.ReadAllText(Path.Combine(dir, "current.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(Glif5Data(), "voltage.csv")), File.ReadAllText(Path.Combine(dir, "voltage.csv")));
        // Independent check of the noise-free part: the recorded trace minus the model's own simulation is the noise.
        var model = FitModels.Get("glif5");
        var p = model.Defaults();
        p[model.IndexOf("C")] = 70; p[model.IndexOf("G")] = 8; p[model.IndexOf("E_L")] = -75; p[model.IndexOf("Theta_inf")] = -50; p[model.IndexOf("delta_V")] = 5;
        var i = TraceCsv.Read(Path.Combine(dir, "current.csv"));
        var v = TraceCsv.Read(Path.Combine(dir, "voltage.csv"));
        Assert.Equal(3, i.Count); Assert.Equal(2000, i[0].Length);
        Assert.Equal(250, i[1][1000]); Assert.Equal(0, i[1][100]);
        var sim = new Real[2000];
        model.Simulate<Real>(p.Select(x => new Real(x)).ToArray(), i[2], 0.1, sim);
        double ss = 0;
        for (int t = 0; t < 2000; t++) ss += Math.Pow(v[2][t] - sim[t].Value, 2);
        Assert.InRange(Math.Sqrt(ss / 2000), 0.45, 0.55); // noise sd 0.5 mV
    }

    [Fact]
    public void TheGlif5ExampleFitsItsSpikingDataEndToEndAndReportsTheGammaFactor()
    {
        string outDir = Directory.CreateTempSubdirectory("fitglif5ex").FullName;
        var (code, _, err) = CliRunner.Run("fit", Path.Combine(RepoRoot(), "examples", "fit-glif5-synthetic.json"), "--out", outDir);
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "fit.json"))).RootElement;
        Assert.Equal("glif5", json.GetProperty("model").GetString());
        Assert.Equal("mse+spike-kernel", json.GetProperty("loss_kind").GetString());
        Assert.True(json.GetProperty("gamma_factor").GetDouble() > 0.99, $"gamma {json.GetProperty("gamma_factor")}");
        Assert.InRange(json.GetProperty("mse_mv2").GetDouble(), 0.2, 0.5); // noise variance 0.25 mV^2, plus spike samples
        var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(Glif5Data(), "truth.json"))).RootElement.GetProperty("parameters");
        foreach (var name in new[] { "C", "G", "E_L", "Theta_inf" })
        {
            double fitted = json.GetProperty("parameters").GetProperty(name).GetProperty("value").GetDouble();
            double real = truth.GetProperty(name).GetProperty("value").GetDouble();
            Assert.True(Math.Abs(fitted - real) <= 0.01 * Math.Abs(real), $"{name}: fitted {fitted}, truth {real}");
        }
    }

    [Theory]
    [InlineData("gamma")]
    [InlineData("van-rossum")]
    public void SpikeTrainLossesFitTheThresholdFromTheRecordedResetsEndToEnd(string kind)
    {
        // The example's GLIF5 data with every other parameter at its true value: the spike times alone pin Theta_inf.
        string dir = Directory.CreateTempSubdirectory("fitspk").FullName;
        string cfg = Path.Combine(dir, "fit.json");
        string data = Glif5Data().Replace("\\", "/");
        File.WriteAllText(cfg, $$"""
            { "model": "glif5", "data": { "current": "{{data}}/current.csv", "voltage": "{{data}}/voltage.csv", "dt_ms": 0.1 },
              "fit": { "Theta_inf": [-60, -40] }, "fixed": { "C": 70, "G": 8, "E_L": -75, "delta_V": 5 },
              "loss": { "kind": "{{kind}}" }, "screen": 16, "starts": 2 }
            """);
        var (code, _, err) = CliRunner.Run("fit", cfg, "--out", dir);
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fit.json"))).RootElement;
        Assert.Equal(kind, json.GetProperty("loss_kind").GetString());
        Assert.Equal("lbfgs", json.GetProperty("method").GetString()); // spike-train objectives have no Gauss-Newton form
        Assert.InRange(json.GetProperty("parameters").GetProperty("Theta_inf").GetProperty("value").GetDouble(), -50.1, -49.9);
        Assert.True(json.GetProperty("gamma_factor").GetDouble() > 0.99);
    }

    [Fact]
    public void TheConductanceEstimateKeyStartsTheHhTutorialFitNextToItsSolution()
    {
        string dir = Directory.CreateTempSubdirectory("fithhest").FullName;
        string cfg = Path.Combine(dir, "fit.json");
        string data = Path.Combine(BrainSharp.Tests.Fitting.FitTestData.SharedData(), "hh-tutorial").Replace("\\", "/");
        File.WriteAllText(cfg, $$"""
            { "model": "traub-miles",
              "data": { "current": "{{data}}/input_traces_hh.csv", "current_unit": "A", "voltage": "{{data}}/output_traces_hh.csv", "dt_ms": 0.01 },
              "fit": { "g_L": [0.002, 200], "g_Na": [200, 400000], "g_Kd": [200, 200000] },
              "initial_guess": "conductance-estimate", "screen": 1, "starts": 1, "target_loss": 1.8 }
            """);
        var (code, _, err) = CliRunner.Run("fit", cfg, "--out", dir);
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fit.json"))).RootElement;
        Assert.True(json.GetProperty("mse_mv2").GetDouble() <= 1.8);
        // The guess itself, from linear least squares only: within 10% of the converged fit (10.08, 20018, 6005 nS).
        var guess = json.GetProperty("initial_guess");
        Assert.InRange(guess.GetProperty("g_Na").GetDouble(), 18000, 22000);
        Assert.InRange(guess.GetProperty("g_Kd").GetDouble(), 5400, 6600);
        Assert.InRange(guess.GetProperty("g_L").GetDouble(), 8, 12);
        Assert.True(json.GetProperty("evaluations").GetInt32() <= 5, $"{json.GetProperty("evaluations")} evaluations");
    }

    private static string WriteConfig(string body)
    {
        string dir = Directory.CreateTempSubdirectory("fitopt").FullName;
        // Protocol 0: a GLIF1-like sawtooth rising 1 mV per sample with two 9 mV reset drops (recorded spikes at 0.95 and
        // 1.95 ms: the middle of the step before each drop); protocol 1: flat, no spikes.
        var v0 = Enumerable.Range(0, 30).Select(t => -70.0 + t % 10).ToArray();
        var v1 = Enumerable.Repeat(-70.0, 30).ToArray();
        var i0 = Enumerable.Range(0, 30).Select(t => t == 0 ? 0.0 : 100.0).ToArray();
        var i1 = new double[30];
        static string Csv(params double[][] rows) => "," + string.Join(",", Enumerable.Range(0, rows[0].Length)) + "\n"
            + string.Join("\n", rows.Select((r, k) => k + "," + string.Join(",", r.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))))) + "\n";
        File.WriteAllText(Path.Combine(dir, "i.csv"), Csv(i0, i1));
        File.WriteAllText(Path.Combine(dir, "v.csv"), Csv(v0, v1));
        string cfg = Path.Combine(dir, "fit.json");
        File.WriteAllText(cfg, "{ \"model\": \"glif1\", \"data\": { \"current\": \"i.csv\", \"voltage\": \"v.csv\", \"dt_ms\": 0.1 }, \"fit\": { \"C\": [10, 200] }" + body + " }");
        return cfg;
    }

    [Theory]
    [InlineData(""", "loss": { "kind": "gamma-factor" }""", "loss.kind", "\"gamma-factor\"")]
    [InlineData(""", "loss": { "kind": "mse+spike-times", "spike_weight": -1 }""", "loss.spike_weight", "-1")]
    [InlineData(""", "loss": { "kind": "van-rossum", "tau_ms": 0 }""", "loss.tau_ms", "0")]
    [InlineData(""", "loss": { "kind": "gamma", "spike_mask_ms": 2 }""", "loss.spike_mask_ms", "gamma")]
    [InlineData(""", "loss": { "knd": "mse" }""", "loss.knd", "kind")]
    [InlineData(""", "screan": 4""", "screan", "screen")]
    [InlineData(""", "screen": 0""", "screen", "0")]
    [InlineData(""", "screen_protocols": [0, 7]""", "screen_protocols", "7")]
    [InlineData(""", "screen_samples": 600""", "screen_samples", "600")]
    [InlineData(""", "initial_guess": "conductance-estimate" """, "conductance-estimate", "glif1")]
    [InlineData(""", "initial_guess": "best" """, "initial_guess", "\"best\"")]
    [InlineData(""", "initial_values": { "C": 500 }""", "initial_values.C", "500")]
    [InlineData(""", "initial_values": { "G": 5 }""", "initial_values.G", "not fitted")]
    [InlineData(""", "fixed": { "C": 50 }""", "'C'", "both fitted and fixed")]
    [InlineData(""", "max_iterations": 2.5""", "max_iterations", "2.5")]
    [InlineData(""", "population": 2""", "population", "2")]
    public void BadOptionsGiveExitCode2NamingTheKeyAndTheValue(string body, string key, string value)
    {
        var (code, _, err) = CliRunner.Run("fit", WriteConfig(body));
        Assert.Equal(2, code);
        Assert.Contains(key, err);
        Assert.Contains(value, err);
    }

    [Fact]
    public void ALossThatNeedsSpikesRefusesTracesWithoutAny()
    {
        string cfg = WriteConfig(""", "loss": { "kind": "gamma" }""");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(cfg)!, "v.csv"),
            "," + string.Join(",", Enumerable.Range(0, 30)) + "\n0," + string.Join(",", Enumerable.Range(0, 30).Select(t => (-70 + 0.1 * t).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n1," + string.Join(",", Enumerable.Repeat(-70, 30)) + "\n");
        var (code, _, err) = CliRunner.Run("fit", cfg);
        Assert.Equal(2, code);
        Assert.Contains("needs spikes", err);
    }

    [Fact]
    public void LossScreenAndStartKeysReachTheObjectiveAndTheFitter()
    {
        var c = FitConfig.Load(WriteConfig(""", "loss": { "kind": "gamma", "delta_ms": 1.5, "softness_ms": 0.2 }, "screen": 9, "starts": 3, "screen_protocols": [1], "screen_samples": 4, "max_iterations": 7, "target_loss": 0.1, "initial_values": { "C": 50 }, "initial_spread": 0.1 """));
        var f = c.CreateFitter();
        var so = Assert.IsType<SpikeObjective>(f.Objective);
        Assert.Equal(SpikeLoss.Gamma, so.Metric);
        Assert.Equal(1.5, so.Delta); Assert.Equal(0.2, so.Softness);
        // Recorded spikes are the two reset drops of protocol 0 (read off the voltage), none in protocol 1.
        Assert.Equal([0.95, 1.95], so.SpikeTimes[0].Select(t => Math.Round(t, 10)));
        Assert.Empty(so.SpikeTimes[1]);
        var screen = Assert.IsType<SpikeObjective>(f.ScreenObjective);
        Assert.Single(screen.Currents); Assert.Equal(4, screen.Currents[0].Length);
        Assert.Equal((9, 3, 7, 0.1, 0.1), (f.Screen, f.Starts, f.MaxIterations, f.TargetLoss, f.InitialSpread));
        Assert.Equal([50.0], f.InitialValues!);

        var k = FitConfig.Load(WriteConfig(""", "loss": { "kind": "mse+spike-kernel", "spike_kernel_ms": 3, "spike_weight": 4, "spike_mask_ms": 0.1, "sample_every": 2 }"""));
        var to = Assert.IsType<TraceObjective>(k.CreateObjective());
        Assert.Equal(3, to.SpikeKernelMs); Assert.Equal(4, to.SpikeWeight);
        Assert.Equal([0.95, 1.95], to.SpikeTimes![0].Select(t => Math.Round(t, 10)));
        var times = FitConfig.Load(WriteConfig(""", "loss": { "kind": "mse+spike-times" }"""));
        Assert.Equal(0, Assert.IsType<TraceObjective>(times.CreateObjective()).SpikeKernelMs);
        Assert.Null(Assert.IsType<TraceObjective>(FitConfig.Load(WriteConfig("")).CreateObjective()).SpikeTimes);
    }

    [Fact]
    public void SampleEveryAndSpikeMaskWeightTheVoltageSamples()
    {
        // Loss at C = the box middle with weights, against an independent sum over the kept samples.
        var c = FitConfig.Load(WriteConfig(""", "loss": { "sample_every": 2, "spike_mask_ms": 0.1 }"""));
        var o = c.CreateObjective();
        var model = FitModels.Get("glif1");
        var p = model.Defaults();
        p[model.IndexOf("C")] = Math.Sqrt(10 * 200.0);
        double sum = 0;
        for (int k = 0; k < 2; k++)
        {
            var v = new Real[30];
            model.Simulate<Real>(p.Select(x => new Real(x)).ToArray(), c.Data.Currents[k], 0.1, v);
            for (int t = 0; t < 30; t += 2)
            {
                // Windows [s - 0.1, s + 0.1] ms around protocol 0's spikes at 0.95 and 1.95 ms, widened outward to whole
                // samples: samples 8-11 and 18-21 are not compared.
                if (k == 0 && (t is >= 8 and <= 11 || t is >= 18 and <= 21)) continue;
                sum += Math.Pow(v[t].Value - c.Data.Voltages[k][t], 2);
            }
        }
        Assert.Equal(sum / 60, o.Loss([0.0]), 1e-9); // normalized by every sample of both protocols
    }

    [Fact]
    public void PopulationAndGenerationKeysReachDifferentialEvolutionWhichSaysItIgnoresTheInitialGuess()
    {
        string cfg = WriteConfig(""", "method": "differential-evolution", "population": 5, "max_generations": 3, "initial_values": { "C": 50 }""");
        string outDir = Path.Combine(Path.GetDirectoryName(cfg)!, "out");
        var (code, output, err) = CliRunner.Run("fit", cfg, "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("apply to the gradient methods only", output);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "fit.json"))).RootElement;
        Assert.Equal("differential-evolution", json.GetProperty("method").GetString());
        // The initial population plus three generations of five trials each.
        Assert.Equal(5 + 3 * 5, json.GetProperty("evaluations").GetInt32());
    }

    [Fact]
    public void SynthesizeRejectsUnknownParametersAndBadSteps()
    {
        string dir = Directory.CreateTempSubdirectory("synthbad").FullName;
        var (code, _, err) = CliRunner.Run("synthesize", "glif5", "--set", "tau_w=3", "--step", "100", "--out", dir);
        Assert.Equal(2, code); Assert.Contains("tau_w", err);
        (code, _, err) = CliRunner.Run("synthesize", "glif5", "--step", "100,abc", "--out", dir);
        Assert.Equal(2, code); Assert.Contains("abc", err);
        (code, _, err) = CliRunner.Run("synthesize", "no-such-model", "--step", "100", "--out", dir);
        Assert.Equal(2, code); Assert.Contains("no-such-model", err);
    }
}
