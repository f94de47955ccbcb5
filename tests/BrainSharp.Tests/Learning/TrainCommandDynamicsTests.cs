using System.CommandLine;
using System.Text.Json;
using BrainSharp.Cli.Commands;
using BrainSharp.Learning;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;

namespace BrainSharp.Tests.Learning;

/// <summary>The train command's neuron/synapse switches: --adaptation, --synapse, --train-taus.</summary>
public class TrainCommandDynamicsTests
{
    private static (int Rc, string Err) Invoke(params string[] args)
    {
        var err = new StringWriter();
        int rc = TrainCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = err });
        return (rc, err.ToString());
    }

    [Fact]
    public void GifConductanceNetworkWithTrainedTausWritesItsDynamicsToResultJson()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-traincmd-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (rc, err) = Invoke("perceptual-decision", "--out", dir, "--iterations", "2", "--neurons", "20", "--batch", "8", "--test-trials", "16",
                "--adaptation", "current", "--synapse", "conductance", "--train-taus", "membrane,synapse,adaptation");
            Assert.True(rc == 0, err);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "result.json")));
            var r = doc.RootElement;
            Assert.Equal("current", r.GetProperty("adaptation").GetString());
            Assert.Equal(0.5, r.GetProperty("adaptive_fraction").GetDouble());
            Assert.Equal("conductance", r.GetProperty("synapse").GetString());
            Assert.Equal(new[] { "membrane", "synapse", "adaptation" }, r.GetProperty("trained_time_constants").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
            // Two Adam steps of 0.01 on log tau move tau_m by at most ~2 %: still near the 20 ms it started from.
            Assert.InRange(r.GetProperty("mean_tau_mem_ms").GetDouble(), 19, 21);
            Assert.Equal(2, r.GetProperty("iterations").GetInt32());
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void RecipeDefaultsAreUnchangedAndSwitchesActOnlyOnTheirOption()
    {
        foreach (var name in TaskCatalog.Names)
        {
            var r = TrainingRecipe.For(name, neurons: 20);
            Assert.Equal(r.Network, r.WithDynamics().Network); // record equality: every option the same
            Assert.False(r.WithDynamics().Network.UsesExtendedDynamics);
            Assert.Equal(0, r.WithDynamics(noAdaptation: true).Network.AdaptiveFraction);
            var gif = r.WithDynamics(AdaptationMechanism.Current).Network;
            Assert.Equal(AdaptationMechanism.Current, gif.Adaptation);
            Assert.Equal(r.Network.AdaptiveFraction > 0 ? r.Network.AdaptiveFraction : 0.5, gif.AdaptiveFraction);
            Assert.Equal(r.Network with { Adaptation = gif.Adaptation, AdaptiveFraction = gif.AdaptiveFraction }, gif);
            var cond = r.WithDynamics(synapse: SynapseModel.Conductance, trainTimeConstants: TrainableTimeConstants.Membrane).Network;
            Assert.Equal(r.Network with { Synapse = SynapseModel.Conductance, TrainTimeConstants = TrainableTimeConstants.Membrane }, cond);
        }
    }

    [Fact]
    public void BadSwitchCombinationsFailWithAMessage()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-traincmd-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (rc, err) = Invoke("perceptual-decision", "--out", dir, "--train-taus", "membrane,bogus");
            Assert.NotEqual(0, rc);
            Assert.Contains("bogus", err);
            (rc, err) = Invoke("perceptual-decision", "--out", dir, "--train-taus", "adaptation");
            Assert.NotEqual(0, rc);
            Assert.Contains("--adaptation current", err);
            (rc, err) = Invoke("perceptual-decision", "--out", dir, "--method", "eprop", "--synapse", "conductance");
            Assert.NotEqual(0, rc);
            Assert.Contains("e-prop", err);
            Assert.NotEqual(0, Invoke("perceptual-decision", "--out", dir, "--synapse", "nmda").Rc);
            Assert.False(Directory.Exists(dir), "a rejected command must not create its output folder");
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void TrainTausListParses()
    {
        Assert.Equal(TrainableTimeConstants.None, TrainCommand.ParseTrainTaus("none"));
        Assert.Equal(TrainableTimeConstants.All, TrainCommand.ParseTrainTaus("all"));
        Assert.Equal(TrainableTimeConstants.Membrane | TrainableTimeConstants.Synapse, TrainCommand.ParseTrainTaus("membrane, synapse"));
        Assert.Null(TrainCommand.ParseTrainTaus("tau"));
    }
}
