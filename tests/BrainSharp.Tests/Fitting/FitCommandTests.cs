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

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "BrainSharp.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root not found");
    }
}
