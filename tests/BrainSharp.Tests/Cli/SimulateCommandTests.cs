using System.Text.Json;
using BrainSharp.IO;
using BrainSharp.Networks;
using BrainSharp.Running;
using BrainSharp.Tests.IO;

namespace BrainSharp.Tests.Cli;

public class SimulateCommandTests
{
    public static TheoryData<string> Models()
    {
        var d = new TheoryData<string>();
        foreach (var n in ReferenceNetworks.Names) d.Add(n);
        return d;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryModelWritesSummarySpikesAndRasterThatAgree(string model)
    {
        using var dir = new TempDir();
        var (code, output, err) = CliRunner.Run("simulate", model, "--neurons", "400", "--duration", "100", "--seed", "7", "--out", dir.Path);
        Assert.True(code == 0, $"exit {code}: {err}");
        Assert.Equal("", err);
        Assert.Contains("progress 100%", output);
        Assert.Contains("mean rate (Hz)", output);

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        var s = json.RootElement;
        foreach (var key in new[] { "model", "neurons", "synapses", "duration_ms", "dt_ms", "seed", "spikes", "mean_rate_hz", "build_seconds", "run_seconds" })
            Assert.True(s.TryGetProperty(key, out _), $"summary.json lacks '{key}'");
        Assert.Equal(model, s.GetProperty("model").GetString());
        Assert.Equal(400, s.GetProperty("neurons").GetInt64());
        Assert.Equal(100, s.GetProperty("duration_ms").GetDouble());
        Assert.Equal(7UL, s.GetProperty("seed").GetUInt64());
        long spikes = s.GetProperty("spikes").GetInt64();

        // The spike file holds exactly the counted spikes, all inside [0, duration).
        var rec = SpikeFile.Read(dir.File("spikes.h5"));
        Assert.Equal(spikes, rec.TotalSpikes);
        Assert.Equal(400, rec.TotalNeurons);
        Assert.All(rec.Populations, p => Assert.All(p.Times, t => Assert.InRange(t, 0, 100)));
        Assert.Equal(spikes / 400.0 / 0.1, s.GetProperty("mean_rate_hz").GetDouble(), 4);

        // An independent run through the library with the same seed gives the same count.
        var built = ReferenceNetworks.Create(model).Build(400, 7);
        using (var sim = new Simulator(built.Network, s.GetProperty("dt_ms").GetDouble())) sim.Run(100);
        Assert.Equal(built.SpikeMonitors.Sum(m => m.TotalSpikes), spikes);
        long synapses = built.Projections.Sum(p => p.SynapseCount);
        Assert.Equal(synapses, s.GetProperty("synapses").GetInt64());

        var png = File.ReadAllBytes(dir.File("raster.png"));
        Assert.Equal(0x89, png[0]);
        Assert.Equal(1000, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(700, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void SetOverridesTheModelParameter()
    {
        using var dir = new TempDir();
        // With no excitatory-to-anything weight and no inhibition, COBA's initial conductances decay and the
        // network stays nearly silent; with default weights it fires. The override must therefore change the count.
        var a = CliRunner.Run("simulate", "coba", "-n", "400", "-d", "50", "--out", dir.File("a"));
        var b = CliRunner.Run("simulate", "coba", "-n", "400", "-d", "50", "--set", "w_e=0", "--set", "I_ext=300", "--out", dir.File("b"));
        Assert.Equal(0, a.Code);
        Assert.Equal(0, b.Code);
        using var jb = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("b"), "summary.json")));
        var p = jb.RootElement.GetProperty("parameters");
        Assert.Equal(0, p.GetProperty("w_e").GetProperty("value").GetDouble());
        Assert.Equal(300, p.GetProperty("I_ext").GetProperty("value").GetDouble());
        Assert.Equal("pA", p.GetProperty("I_ext").GetProperty("unit").GetString());
        using var ja = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("a"), "summary.json")));
        Assert.NotEqual(ja.RootElement.GetProperty("spikes").GetInt64(), jb.RootElement.GetProperty("spikes").GetInt64());
    }

    [Fact]
    public void PlotRedrawsTheSameRasterFromTheSavedFile()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("simulate", "cuba", "-n", "400", "-d", "100", "--out", dir.Path).Code);
        var first = File.ReadAllBytes(dir.File("raster.png"));
        var (code, output, err) = CliRunner.Run("plot", dir.File("spikes.h5"), "--out", dir.File("figs"));
        Assert.True(code == 0, err);
        Assert.Contains("isi.png", output);
        // The raster drawn from the HDF5 file is byte-identical to the one drawn from memory.
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(dir.File("figs"), "raster.png")));
        Assert.True(File.Exists(Path.Combine(dir.File("figs"), "isi.png")));
        Assert.Equal(0, CliRunner.Run("plot", dir.File("spikes.h5"), "--format", "svg", "--out", dir.File("svg")).Code);
        Assert.Contains("time (ms)", File.ReadAllText(Path.Combine(dir.File("svg"), "raster.svg")));
    }

    [Fact]
    public void ModelsListsEveryModelWithParametersUnitsAndDefaults()
    {
        var (code, output, _) = CliRunner.Run("models");
        Assert.Equal(0, code);
        foreach (var name in ReferenceNetworks.Names)
        {
            var m = ReferenceNetworks.Create(name);
            Assert.Contains($"── {name} ─", output);
            Assert.Contains(m.Description, output);
            foreach (var p in m.Parameters)
                Assert.Matches($@"\|\s*{System.Text.RegularExpressions.Regex.Escape(p.Name)}\s*\|\s*{System.Text.RegularExpressions.Regex.Escape(p.Unit)}\s*\|", output);
        }
        Assert.Matches(@"\|\s*tau_e\s*\|\s*ms\s*\|\s*5\s*\|", output);
        // A preset registered under its own name shows its own values (brunel-sr: g = 3, brunel: g = 5).
        if (ReferenceNetworks.Names.Contains("brunel-sr"))
        {
            var sr = output[output.IndexOf("── brunel-sr ─", StringComparison.Ordinal)..];
            Assert.Matches(@"\|\s*g\s*\|\s*1\s*\|\s*3\s*\|", sr);
        }
    }

    [Fact]
    public void HelpExitsZeroAndListsTheCommands()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        foreach (var c in new[] { "simulate", "models", "plot", "resume", "train", "fit" }) Assert.Contains(c, output);
        var sim = CliRunner.Run("simulate", "--help");
        Assert.Equal(0, sim.Code);
        foreach (var o in new[] { "--duration", "--dt", "--seed", "--threads", "--neurons", "--connectivity", "--set", "--out", "--checkpoint-every" })
            Assert.Contains(o, sim.Out);
    }
}
