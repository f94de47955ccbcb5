using System.Text.Json;

namespace BrainSharp.Tests.Fitting;

public class FitCommandTests
{
    [Fact]
    public void FitsTheHhTutorialFromItsConfigAndWritesResults()
    {
        string repoExample = Path.Combine(RepoRoot(), "examples", "fit-hh-tutorial.json");
        string outDir = Directory.CreateTempSubdirectory("fit").FullName;
        var o = new StringWriter(); var e = new StringWriter();
        int code = BrainSharp.Cli.Program.Run(["fit", repoExample, "--out", outDir], o, e);
        Assert.True(code == 0, $"exit {code}: {e}");
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "fit.json"))).RootElement;
        Assert.Equal("traub-miles", json.GetProperty("model").GetString());
        double mse = json.GetProperty("mse_mv2").GetDouble();
        Assert.True(mse < 1.8, $"MSE {mse} mV^2");
        Assert.Equal("nS", json.GetProperty("parameters").GetProperty("g_Na").GetProperty("unit").GetString());
        Assert.True(json.GetProperty("gamma_factor").GetDouble() > 0.9);
        Assert.True(json.GetProperty("wall_seconds").GetDouble() > 0);
        Assert.True(new FileInfo(Path.Combine(outDir, "overlay.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(outDir, "loss.png")).Length > 1000);
    }

    [Fact]
    public void BadConfigGivesExitCode2NamingTheProblem()
    {
        string dir = Directory.CreateTempSubdirectory("fitbad").FullName;
        string cfg = Path.Combine(dir, "bad.json");
        File.WriteAllText(cfg, """{ "model": "traub-miles", "data": { "current": "i.csv", "voltage": "v.csv", "dt_ms": 0.01 }, "fit": { "g_L": [1, 2] } }""");
        var o = new StringWriter(); var e = new StringWriter();
        Assert.Equal(2, BrainSharp.Cli.Program.Run(["fit", cfg], o, e));
        Assert.Contains("i.csv", e.ToString());
        File.WriteAllText(cfg, """{ "model": "hh-unknown", "data": { "dt_ms": 0.01 }, "fit": {} }""");
        e = new StringWriter();
        Assert.Equal(2, BrainSharp.Cli.Program.Run(["fit", cfg], o, e));
        Assert.Contains("hh-unknown", e.ToString());
    }

    [Fact]
    public void FitsAGlif5CellFromItsConfigAndReportsTheGammaFactorOfItsResetSpikes()
    {
        // Traces of a GLIF5 cell (no spike upstroke: spikes show only as reset drops), written as the tutorial's CSV layout.
        var model = new BrainSharp.Fitting.GlifTraceModel(BrainSharp.Neurons.GlifLevel.LifRAscA);
        var truth = model.Defaults();
        truth[model.IndexOf("C")] = 70; truth[model.IndexOf("G")] = 8;
        string dir = Directory.CreateTempSubdirectory("fitglif5").FullName;
        var currents = new[] { 350.0, 500.0 }.Select(a => Enumerable.Range(0, 2000).Select(k => k >= 100 ? a : 0.0).ToArray()).ToArray();
        var volts = currents.Select(i =>
        {
            var v = new BrainSharp.Fitting.Real[i.Length];
            model.Simulate<BrainSharp.Fitting.Real>(truth.Select(x => new BrainSharp.Fitting.Real(x)).ToArray(), i, 0.1, v);
            return v.Select(x => x.Value).ToArray();
        }).ToArray();
        static string Csv(double[][] rows) => "," + string.Join(",", Enumerable.Range(0, rows[0].Length)) + "\n"
            + string.Join("\n", rows.Select((r, k) => k + "," + string.Join(",", r.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))) + "\n";
        File.WriteAllText(Path.Combine(dir, "i.csv"), Csv(currents));
        File.WriteAllText(Path.Combine(dir, "v.csv"), Csv(volts));
        string cfg = Path.Combine(dir, "fit.json");
        File.WriteAllText(cfg, """{ "model": "glif5", "data": { "current": "i.csv", "voltage": "v.csv", "dt_ms": 0.1 }, "fit": { "C": [50, 100] }, "fixed": { "G": 8 }, "seed": 3 }""");
        var o = new StringWriter(); var e = new StringWriter();
        int code = BrainSharp.Cli.Program.Run(["fit", cfg, "--out", dir], o, e);
        Assert.True(code == 0, $"exit {code}: {e}");
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fit.json"))).RootElement;
        Assert.Equal("glif5", json.GetProperty("model").GetString());
        Assert.InRange(json.GetProperty("parameters").GetProperty("C").GetProperty("value").GetDouble(), 69.5, 70.5);
        Assert.True(json.GetProperty("gamma_factor").GetDouble() > 0.99, $"gamma {json.GetProperty("gamma_factor").GetDouble()}");
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "BrainSharp.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root not found");
    }
}
