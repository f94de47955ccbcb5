using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

/// <summary>
/// The fused LIF + exponential-synapse kernel against the separate output / neuron / kinetics passes, and
/// threading hazards (an input writing a range-partitioned synapse's arrivals) against the single-thread run.
/// </summary>
public class FusionAndThreadingTests
{
    private sealed record Run(int[] Spikes, float[] VE, float[] VI, float[][] G, bool[] Fused);

    /// <summary>E (403) and I (101) cells, sizes not multiples of 8 so the kernel tails are exercised; I receives a current-based input.</summary>
    private static (Network net, LifNeuron e, LifNeuron i, Projection[] p, SpikeMonitor me, SpikeMonitor mi) Build(int threads, bool fuse)
    {
        var net = new Network(seed: 21, threads: threads) { FuseSynapses = fuse };
        var cell = LifParams.Coba with { IExt = 200 };
        var e = net.Add(new LifNeuron(403, cell, "E") { InitialV = Initializer.Uniform(-60, -50) });
        var i = net.Add(new LifNeuron(101, cell, "I") { InitialV = Initializer.Uniform(-60, -50) });
        var conn = new FixedProbability(0.1);
        var p = new[]
        {
            net.Add(new Projection(e, e, conn, Initializer.Uniform(2, 8), new ExponentialSynapse(403, 5) { Initial = Initializer.Normal(20, 5) }, new ConductanceOutput(0))),
            net.Add(new Projection(i, e, conn, 40.0, new ExponentialSynapse(403, 10) { Initial = Initializer.Normal(60, 20) }, new ConductanceOutput(-80))),
            net.Add(new Projection(e, i, conn, 6.0, new ExponentialSynapse(101, 5), new ConductanceOutput(0)) { Delay = Initializer.Constant(0.5) }),
            net.Add(new Projection(i, i, conn, -30.0, new ExponentialSynapse(101, 10), new CurrentOutput())),
        };
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        return (net, e, i, p, me, mi);
    }

    private static Run Simulate(int threads, bool fuse, bool snapshotDetour)
    {
        var (net, e, i, p, me, mi) = Build(threads, fuse);
        using var sim = new Simulator(net, 0.1);
        sim.Run(30);
        if (snapshotDetour)
        {
            // Rewind mid-run: the state (g delivered directly, refractory counts) must snapshot and restore exactly.
            var snap = sim.Snapshot();
            sim.Run(17.3);
            sim.Restore(snap);
        }
        me.Clear(); mi.Clear(); // every run compares the spikes from 30 ms on
        for (int k = 0; k < 7; k++)
        {
            // Several runs. A current written into the accumulators between runs must act on the next step, also where the
            // fused kernel otherwise skips the accumulators.
            if (k == 2)
                for (int j = 0; j < 96; j++) { e.InputCurrent[j] += 2500; i.InputCurrent[j] += 2500; e.InputConductance[j + 300] += 40; }
            // Likewise weights written into a synapse's arrivals between runs (the fused kernel reads none during a run).
            if (k == 4)
                for (int j = 0; j < 101; j++) { p[0].Synapse.Arrivals[j * 4] += 30; p[3].Synapse.Arrivals[j] += 200; }
            sim.Run(10);
        }
        var spikes = me.Indices.ToArray().Zip(me.Steps.ToArray(), (n, s) => s * 1000 + n)
            .Concat(mi.Indices.ToArray().Zip(mi.Steps.ToArray(), (n, s) => s * 1000 + 500 + n)).ToArray();
        return new Run(spikes, (float[])e.V.Clone(), (float[])i.V.Clone(),
            p.Select(x => (float[])x.Synapse.Value.Clone()).ToArray(), p.Select(x => x.IsFused).ToArray());
    }

    /// <summary>
    /// Fused, spikes are delivered straight into g after the kernel has used and decayed it (g d + w1 + w2, Brian2's order);
    /// the separate passes sum a step's arrivals first (g d + (w1 + w2)) and sum the outputs in the accumulators. Both
    /// orders round differently, so the runs agree to rounding: same spikes, states within a few ulps. The fused run is
    /// bit-identical to itself on 1 and 2 threads and across a snapshot/restore detour.
    /// </summary>
    [Fact]
    public void FusedKernelAgreesWithSeparatePassesAndIsBitIdenticalOnAnyThreadCount()
    {
        var plain = Simulate(1, fuse: false, snapshotDetour: false);
        Assert.All(plain.Fused, f => Assert.False(f));
        Assert.True(plain.Spikes.Length > 100, $"too few spikes: {plain.Spikes.Length}");
        var fused = Simulate(1, fuse: true, snapshotDetour: false);
        Assert.All(fused.Fused, f => Assert.True(f));
        Assert.Equal(plain.Spikes, fused.Spikes);
        for (int j = 0; j < plain.VE.Length; j++) Assert.Equal(plain.VE[j], fused.VE[j], 1e-4);
        for (int j = 0; j < plain.VI.Length; j++) Assert.Equal(plain.VI[j], fused.VI[j], 1e-4);
        for (int k = 0; k < plain.G.Length; k++)
            for (int j = 0; j < plain.G[k].Length; j++) Assert.Equal(plain.G[k][j], fused.G[k][j], 1e-5 * (1 + Math.Abs(plain.G[k][j])));
        foreach (var (threads, detour) in new[] { (1, true), (2, false), (2, true) })
        {
            var other = Simulate(threads, fuse: true, snapshotDetour: detour);
            Assert.Equal(fused.Spikes, other.Spikes);
            Assert.Equal(fused.VE, other.VE);
            Assert.Equal(fused.VI, other.VI);
            for (int k = 0; k < fused.G.Length; k++) Assert.Equal(fused.G[k], other.G[k]);
        }
        var plainTwo = Simulate(2, fuse: false, snapshotDetour: true);
        Assert.Equal(plain.Spikes, plainTwo.Spikes);
        Assert.Equal(plain.VE, plainTwo.VE);
        for (int k = 0; k < plain.G.Length; k++) Assert.Equal(plain.G[k], plainTwo.G[k]);
    }

    [Fact]
    public void StateMonitorOnSynapseOrAnInputDisablesFusion()
    {
        var (net, _, _, p, _, _) = Build(1, fuse: true);
        net.Add(new StateMonitor(p[1].Synapse, "g"));
        using (new Simulator(net, 0.1))
        {
            // E's inputs stay separate passes (its g_i is observed every step); I's are fused.
            Assert.False(p[0].IsFused); Assert.False(p[1].IsFused);
            Assert.True(p[2].IsFused); Assert.True(p[3].IsFused);
        }
        var (net2, e2, _, p2, _, _) = Build(1, fuse: true);
        net2.Add(new PoissonInput(p2[0].Synapse, 10, 5, 1.0, seed: 3));
        using (new Simulator(net2, 0.1)) Assert.All(p2, x => Assert.False(x.IsFused));
    }

    /// <summary>
    /// A Poisson input writes the arrivals of a synapse whose kinetics run split over the workers. It must not run while
    /// another worker still consumes those arrivals (previously it could, with no recorder forcing an end-of-step barrier).
    /// </summary>
    [Fact]
    public void InputIntoPartitionedSynapseGivesTheSingleThreadResult()
    {
        (float[] v, float[] g) Go(int threads)
        {
            var net = new Network(seed: 5, threads: threads);
            var cells = net.Add(new LifNeuron(2000, LifParams.Coba, "cells") { InitialV = Initializer.Uniform(-60, -50) });
            var proj = net.Add(new Projection(cells, cells, new FixedProbability(0.01), 3.0, new ExponentialSynapse(2000, 5), new ConductanceOutput(0)));
            net.Add(new PoissonInput(proj.Synapse, 100, 20, 2.0, seed: 9));
            using var sim = new Simulator(net, 0.1);
            sim.Run(150);
            Assert.True(proj.IsPartitioned);
            return ((float[])cells.V.Clone(), (float[])proj.Synapse.Value.Clone());
        }
        var one = Go(1);
        var two = Go(2);
        Assert.Contains(one.v, x => x != one.v[0]);
        Assert.Equal(one.v, two.v);
        Assert.Equal(one.g, two.g);
    }
}
