using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Random;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Neurons;

/// <summary>Models of this folder inside the simulation engine (Network, Projection, Simulator).</summary>
public class NetworkIntegrationTests
{
    [Fact]
    public void AdExDrivingHodgkinHuxley_MatchesHandWrittenLoop()
    {
        // An AdEx driver (tonic, ~100 Hz) excites 3 HH cells through an exponential conductance synapse (tau 5 ms, 0 mV).
        // The same system stepped by hand in the engine's documented order must give the same spike steps:
        // apply g (as it stands at step start) -> update neurons -> g <- g e^(-dt/tau) + w * (driver spikes this step).
        const double dt = 0.1, tau = 5; const float w = 12f; const int steps = 1500;
        var driverParams = AdExParams.NaudTonic with { BiasCurrent = 500 };

        var net = new Network(seed: 1);
        var driver = net.Add(new AdExNeuron(1, driverParams));
        var target = net.Add(new HodgkinHuxleyNeuron(3));
        net.Add(new Projection(driver, target, new FixedProbability(1.0), w, new ExponentialSynapse(3, tau), new ConductanceOutput(0)));
        var dMon = net.Add(new SpikeMonitor(driver));
        var tMon = net.Add(new SpikeMonitor(target));
        using (var sim = new Simulator(net, dt)) sim.Run(steps * dt);

        var d = new AdExNeuron(1, driverParams);
        var h = new HodgkinHuxleyNeuron(3);
        var clock = new Clock(dt);
        float decay = (float)Math.Exp(-dt / tau), g = 0;
        var dSteps = new List<int>(); var tSteps = new List<(int step, int idx)>();
        for (int n = 0; n < steps; n++)
        {
            clock.Step = n;
            for (int k = 0; k < 3; k++) { h.InputConductance[k] += g; h.InputCurrent[k] += g * 0f; }
            d.Update(clock); h.Update(clock);
            if (d.Spikes.Count > 0) dSteps.Add(n);
            foreach (int k in h.Spikes.Current) tSteps.Add((n, k));
            g = g * decay + w * d.Spikes.Count;
        }
        Assert.True(dSteps.Count >= 10);
        Assert.Equal(dSteps.ToArray(), dMon.Steps.ToArray());
        Assert.True(tSteps.Count >= 10, $"targets fired {tSteps.Count} spikes");
        Assert.Equal(tSteps.Select(x => x.step).ToArray(), tMon.Steps.ToArray());
        Assert.Equal(tSteps.Select(x => x.idx).ToArray(), tMon.Indices.ToArray());
    }

    private static (int[] idx, int[] steps) TraubMilesEiNetwork(int threads)
    {
        // A small COBAHH-like network: 320 E + 80 I Traub-Miles cells, p = 0.1, w_e 6 nS, w_i 67 nS, random initial v.
        var net = new Network(seed: 5, threads: threads);
        var e = net.Add(new TraubMilesNeuron(320));
        var i = net.Add(new TraubMilesNeuron(80));
        foreach (var (pre, w, tau, rev) in new[] { (e, 6.0, 5.0, 0.0), (i, 67.0, 10.0, -80.0) })
            foreach (var post in new[] { e, i })
                net.Add(new Projection(pre, post, new FixedProbability(0.1), w, new ExponentialSynapse(post.Size, tau), new ConductanceOutput(rev)));
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        using var sim = new Simulator(net, 0.1);
        var rng = new RandomStream(77);
        foreach (var g in new[] { e, i })
            for (int k = 0; k < g.Size; k++) g.V[k] = (float)(-60 + 5 * rng.NextNormal() - 5);
        sim.Run(60);
        var idx = me.Indices.ToArray().Concat(mi.Indices.ToArray().Select(x => x + 320)).ToArray();
        var st = me.Steps.ToArray().Concat(mi.Steps.ToArray()).ToArray();
        return (idx, st);
    }

    [Fact]
    public void TraubMilesNetwork_SameSpikesOnOneAndTwoThreads()
    {
        var one = TraubMilesEiNetwork(1);
        var two = TraubMilesEiNetwork(2);
        Assert.True(one.idx.Length > 100, $"{one.idx.Length} spikes");
        Assert.Equal(one.idx, two.idx);
        Assert.Equal(one.steps, two.steps);
    }
}
