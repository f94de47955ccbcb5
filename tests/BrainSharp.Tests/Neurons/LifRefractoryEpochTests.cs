using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Neurons;

/// <summary>
/// LifNeuron keeps refractoriness as the step from which a neuron integrates again, counted within epochs (2^29 steps
/// in use). Shortening the epoch to 16 steps, shorter than t_ref (50 steps), makes every run cross dozens of epoch
/// boundaries, with neurons refractory across them; the result must be the run with the full-length epoch, bit for bit,
/// also with a snapshot taken and restored exactly at a boundary, and on two threads (other workers update the chunks).
/// </summary>
public class LifRefractoryEpochTests
{
    private static (int[] spikes, float[] v, int[] counts) Run(int epochBits, int threads, bool detour)
    {
        var net = new Network(seed: 3, threads: threads);
        var cell = LifParams.Coba with { IExt = 300, TRef = 5 };
        // 8200 cells: four chunks per worker share, so on two threads a worker may move the other's values into an epoch.
        var e = net.Add(new LifNeuron(8200, cell, "E") { InitialV = Initializer.Uniform(-60, -50) });
        e.EpochBits = epochBits;
        net.Add(new Projection(e, e, new FixedProbability(0.005), 2.0, new ExponentialSynapse(8200, 5), new ConductanceOutput(0)));
        var mon = net.Add(new SpikeMonitor(e));
        using var sim = new Simulator(net, 0.1);
        sim.Run(3.2); // 32 steps: the clock stands on an epoch boundary of the short epochs
        if (detour)
        {
            var snap = sim.Snapshot();
            sim.Run(7.7);
            sim.Restore(snap);
        }
        mon.Clear(); // monitors keep what they recorded: compare the spikes from 3.2 ms on
        sim.Run(60);
        var spikes = mon.Indices.ToArray().Zip(mon.Steps.ToArray(), (n, s) => s * 10_000 + n).ToArray();
        return (spikes, (float[])e.V.Clone(), e.RefractoryCounts(net.Clock!));
    }

    [Fact]
    public void ShortEpochsGiveTheSameRunAsTheFullOne()
    {
        var full = Run(29, 1, detour: false);
        Assert.True(full.spikes.Length > 500, $"too few spikes: {full.spikes.Length}");
        Assert.Contains(full.counts, c => c > 16); // some neurons are refractory across more than one short epoch
        foreach (var (threads, detour) in new[] { (1, false), (1, true), (2, true) })
        {
            var shortEpochs = Run(4, threads, detour);
            Assert.Equal(full.spikes, shortEpochs.spikes);
            Assert.Equal(full.v, shortEpochs.v);
            Assert.Equal(full.counts, shortEpochs.counts);
        }
    }

    /// <summary>The counts read back: a neuron that spiked at step n integrates again from step n + round(t_ref/dt).</summary>
    [Fact]
    public void CountsFollowTheRefractoryPeriod()
    {
        var net = new Network(seed: 1);
        var cell = LifParams.Coba with { IExt = 5000, TRef = 2 }; // strong drive: spikes as soon as it integrates
        var g = net.Add(new LifNeuron(1, cell, "one") { InitialV = Initializer.Constant(-49) });
        g.EpochBits = 3;
        var mon = net.Add(new SpikeMonitor(g));
        using var sim = new Simulator(net, 0.1);
        var seen = new List<int>();
        for (int k = 0; k < 50; k++)
        {
            sim.Run(0.1);
            seen.Add(g.RefractoryCounts(net.Clock!)[0]);
        }
        // From v = -49 mV the cell spikes in step 0. After 20 refractory steps, exponential Euler towards
        // v_inf = E_L + I/g_L = 440 mV with tau = 20 ms gains 500 (1 - e^(-k dt/tau)) mV in k steps, >= 10 mV first at
        // k = 5: the next spike is in step 20 + 5 - 1 = 24. The count right after a spike is 20 and falls by one per step.
        Assert.Equal([0, 24, 48], mon.Steps.ToArray().Select(s => (int)s).ToArray());
        Assert.Equal(20, seen[0]);
        Assert.Equal(1, seen[19]);
        Assert.Equal(0, seen[20]);
        Assert.Equal(0, seen[23]);
        Assert.Equal(20, seen[24]);
    }
}
