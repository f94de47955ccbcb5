using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Synapses;

/// <summary>
/// Decaying synaptic state that no input refreshes must end at exactly zero, not stuck in the subnormal floats (where
/// x * decay rounds back to x and every operation is slow). Without the flush, g after one volley (up to 8 nS, tau 5 ms:
/// a factor 0.98 per step) turns subnormal after ~445 ms and stays there; the runs below last 725 ms and look every 1.2 ms.
/// The flush runs on the fused LIF kernel's path and on the synapses' own (unfused) updates, on 1 and 2 threads.
/// </summary>
public class SubnormalFlushTests
{
    [Fact]
    public void Apply_ZeroesOnlyMagnitudesBelowTheThreshold()
    {
        float tiny = float.Epsilon * 7, small = 1e-21f, kept = 1e-19f;
        // 15 elements: one vector of 8, then a scalar tail of 7, with the special values in both parts.
        float[] x = [tiny, -tiny, float.NaN, 1e-20f, float.PositiveInfinity, small, -kept, 3.5f,
                     small, -small, kept, float.NaN, 1e-20f, float.NegativeInfinity, 0f];
        float[] expected = [0f, 0f, float.NaN, 1e-20f, float.PositiveInfinity, 0f, -kept, 3.5f,
                            0f, 0f, kept, float.NaN, 1e-20f, float.NegativeInfinity, 0f];
        SubnormalFlush.Apply(x);
        Assert.Equal(expected, x);
    }

    [Theory]
    [InlineData("exponential", true, 1)]
    [InlineData("exponential", false, 1)]
    [InlineData("exponential", true, 2)]
    [InlineData("exponential", false, 2)]
    [InlineData("alpha", false, 1)]
    [InlineData("dual-exponential", false, 1)]
    public void SynapticState_AfterLongSilence_NeverSubnormal_EndsAtZero(string kind, bool fuse, int threads)
    {
        var net = new Network(seed: 3, threads: threads) { FuseSynapses = fuse };
        var source = net.Add(new SpikeGeneratorGroup(4, [0, 1, 2, 3], [1.0, 1.0, 2.0, 2.0]));
        var target = net.Add(new LifNeuron(37, LifParams.Coba, "T"));
        SynapseDynamics syn = kind switch
        {
            "exponential" => new ExponentialSynapse(37, 5),
            "alpha" => new AlphaSynapse(37, 5),
            _ => new DualExponentialSynapse(37, 1, 5),
        };
        var p = net.Add(new Projection(source, target, new FixedProbability(1.0), 2.0, syn, new ConductanceOutput(0)));
        using var sim = new Simulator(net, 0.1);
        sim.Run(5);
        Assert.Equal(fuse && kind == "exponential", p.IsFused);
        Assert.All(syn.Value, g => Assert.True(g > 0.1, $"g = {g}: the spikes were delivered"));
        // Runs of 12 steps from step 50: most steps are not a run's first (which the fused kernel handles apart), and no
        // run's first step is a flush step (50 + 12 k is never a multiple of 4), so the flush must act on ordinary steps.
        for (int k = 0; k < 600; k++)
        {
            sim.Run(1.2);
            foreach (float g in syn.Value) Assert.False(float.IsSubnormal(g), $"step {sim.Clock.Step}: g = {g}");
        }
        Assert.All(syn.Value, g => Assert.Equal(0f, g));
    }
}
