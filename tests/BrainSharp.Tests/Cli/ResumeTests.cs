using System.Text.Json;
using BrainSharp.IO;
using BrainSharp.Tests.IO;

namespace BrainSharp.Tests.Cli;

public class ResumeTests
{
    [Theory]
    [InlineData("cuba", "csr")]
    [InlineData("coba", "procedural")]
    public void ResumedRunHasExactlyTheSpikesOfAnUninterruptedRun(string model, string connectivity)
    {
        using var dir = new TempDir();
        string full = dir.File("full"), ckpt = dir.File("ckpt"), resumed = dir.File("resumed");
        // COBA is kept active at this small size by an external current, so there are spikes on both sides of the checkpoint.
        string[] extra = model == "coba" ? ["--set", "I_ext=250"] : [];
        string[] common = ["simulate", model, "-n", "400", "-d", "100", "--seed", "3", "--connectivity", connectivity, .. extra];
        Assert.Equal(0, CliRunner.Run([.. common, "--out", full]).Code);
        // Checkpoints at 30, 60 and 90 ms; the file keeps the latest (90 ms).
        Assert.Equal(0, CliRunner.Run([.. common, "--checkpoint-every", "30", "--out", ckpt]).Code);
        var snap = SnapshotFile.Read(Path.Combine(ckpt, "checkpoint.h5"));
        Assert.Equal(900, snap.Step);
        Assert.Equal(model, snap.Attributes["model"]);

        var (code, output, err) = CliRunner.Run("resume", Path.Combine(ckpt, "checkpoint.h5"), "--out", resumed, "--threads", "2");
        Assert.True(code == 0, err);
        Assert.Contains("resumed from (ms)", output);

        var a = SpikeFile.Read(Path.Combine(full, "spikes.h5"));
        var b = SpikeFile.Read(Path.Combine(resumed, "spikes.h5"));
        Assert.True(a.TotalSpikes > 20, $"too few spikes ({a.TotalSpikes}) for a meaningful comparison");
        Assert.Contains(a.Populations.SelectMany(p => p.Times), t => t < 90);
        Assert.Contains(a.Populations.SelectMany(p => p.Times), t => t > 90);
        Assert.Equal(a.Populations.Count, b.Populations.Count);
        for (int p = 0; p < a.Populations.Count; p++)
        {
            Assert.Equal(a.Populations[p].Indices, b.Populations[p].Indices);
            Assert.Equal(a.Populations[p].Times, b.Populations[p].Times);
        }
        using var js = JsonDocument.Parse(File.ReadAllText(Path.Combine(resumed, "summary.json")));
        Assert.Equal(90, js.RootElement.GetProperty("resumed_from_ms").GetDouble());
        Assert.Equal(a.TotalSpikes, js.RootElement.GetProperty("spikes").GetInt64());
    }
}
