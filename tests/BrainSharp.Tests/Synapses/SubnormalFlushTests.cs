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
/// x * decay rounds back to x and every operation is slow). Without the flush, g after one spike and 300 ms of silence
/// (tau 5 ms: a factor 0.98 per step, 3000 steps) would sit at a few subnormal ulps forever.
/// The flush runs on the fused LIF kernel's path and on the synapse's own (unfused) update, on 1 and 2 threads.
/// </summary>
public class SubnormalFlushTests
{
    [Fact]
    public void Apply_ZeroesOnlyMagnitudesBelowTheThreshold()
    {
        float tiny = float.Epsilon * 7, small = 1e-21f, kept = 1e-19f;
        float[] x = [tiny, -tiny, small, -small, kept, -kept, 0f, 3.5f, -60f, float.NaN, 1e-20f, float.PositiveInfinity];
        var y = (float[])x.Clone();
        SubnormalFlush.Apply(y.AsSpan(0, 9)); // 9: one vector and a scalar tail
        SubnormalFlush.Apply(y.AsSpan(9));
        Assert.Equal([0f, 0f, 0f, 0f, kept, -kept, 0f, 3.5f, -60f], y[..9]);
        Assert.True(float.IsNaN(y[9]));
        Assert.Equal(1e-20f, y[10]);
        Assert.Equal(float.PositiveInfinity, y[11]);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void ExponentialConductance_AfterLongSilence_IsExactlyZero(bool fuse, int threads)
    {
        var net = new Network(seed: 3, threads: threads) { FuseSynapses = fuse };
        var source = net.Add(new SpikeGeneratorGroup(4, [0, 1, 2, 3], [1.0, 1.0, 2.0, 2.0]));
        var target = net.Add(new LifNeuron(37, LifParams.Coba, "T"));
        var syn = new ExponentialSynapse(37, 5);
        var p = net.Add(new Projection(source, target, new FixedProbability(1.0), 2.0, syn, new ConductanceOutput(0)));
        using var sim = new Simulator(net, 0.1);
        sim.Run(5);
        Assert.Equal(fuse, p.IsFused);
        Assert.All(syn.Value, g => Assert.True(g > 1, $"g = {g}: the spikes were delivered"));
        // Step by step through the decay: no value ever enters the subnormal range (it is flushed while still normal).
        for (int k = 0; k < 3000; k++)
        {
            sim.Run(0.1);
            foreach (float g in syn.Value) Assert.False(float.IsSubnormal(g), $"step {sim.Clock.Step}: g = {g}");
        }
        Assert.All(syn.Value, g => Assert.Equal(0f, g));
    }
}
