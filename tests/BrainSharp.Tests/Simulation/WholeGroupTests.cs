using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

public class WholeGroupTests
{
    /// <summary>A group without range updates: neuron i fires at every step divisible by (i + 3).</summary>
    private sealed class Clockwork : NeuronGroup
    {
        public Clockwork(int n) : base("clockwork", n) { }
        public override IReadOnlyList<StateVariable> States => new[] { new StateVariable("v", "mV", V) };
        public override void Reset(ulong seed) { }
        public override void Update(Clock clock)
        {
            Spikes.Clear();
            for (int i = 0; i < Size; i++) if (clock.Step % (i + 3) == 0) Spikes.Add(i);
            Array.Clear(InputCurrent); Array.Clear(InputConductance);
        }
    }

    private static int[] Run(int threads)
    {
        var net = new Network(seed: 4, threads: threads);
        var src = net.Add(new Clockwork(50));
        var lif = net.Add(new LifNeuron(300, LifParams.Coba, "cells") { InitialV = Initializer.Uniform(-60, -50) });
        net.Add(new Projection(src, lif, new FixedProbability(0.3), Initializer.Uniform(0, 30), new ExponentialSynapse(300, 5), new ConductanceOutput(0)));
        net.Add(new Projection(lif, lif, new FixedProbability(0.05), 50.0, new ExponentialSynapse(300, 10), new ConductanceOutput(-80)));
        net.Add(new Projection(lif, src, new FixedProbability(0.1), 1.0, new ExponentialSynapse(50, 5), new CurrentOutput()));
        var mon = net.Add(new SpikeMonitor(lif));
        using var sim = new Simulator(net, 0.1);
        sim.Run(50);
        return mon.Indices.ToArray().Zip(mon.Steps.ToArray(), (i, s) => s * 1000 + i).ToArray();
    }

    [Fact]
    public void GroupsWithoutRangeUpdatesWorkOnSeveralThreads()
    {
        var one = Run(1);
        Assert.True(one.Length > 50);
        Assert.Equal(one, Run(2));
    }

    [Fact]
    public void AddingAProjectionsSynapseSeparatelyThrows()
    {
        var net = new Network();
        var a = net.Add(new LifNeuron(10, LifParams.Coba, "A"));
        var syn = new ExponentialSynapse(10, 5);
        net.Add(new Projection(a, a, new FixedProbability(0.5), 1.0, syn, new CurrentOutput()));
        net.Add(syn);
        Assert.Throws<InvalidOperationException>(() => new Simulator(net, 0.1));
    }
}
