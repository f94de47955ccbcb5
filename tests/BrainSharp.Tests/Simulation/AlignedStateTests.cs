using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

/// <summary>Line-aligned state arrays (<see cref="AlignedArray"/>): what they hold, and that alignment never changes results.</summary>
public class AlignedStateTests
{
    [Fact]
    public void ArraysAreZeroedOfTheRequestedLengthAndMostlyLineAligned()
    {
        int aligned = 0;
        for (int k = 0; k < 10; k++)
        {
            var f = AlignedArray.Create<float>(5000 + k);
            var n = AlignedArray.Create<int>(5000 + 7 * k);
            Assert.Equal(5000 + k, f.Length);
            Assert.Equal(5000 + 7 * k, n.Length);
            Assert.All(f, x => Assert.Equal(0f, x));
            Assert.All(n, x => Assert.Equal(0, x));
            if (AlignedArray.IsAligned(f)) aligned++;
            if (AlignedArray.IsAligned(n)) aligned++;
        }
        // Another test thread allocating pinned memory at the same moment can make one placement miss (then it retries,
        // and at worst falls back to an ordinary array); ten misses in a row mean the placement does not work at all.
        Assert.True(aligned > 0, "no array came out line-aligned");
        var small = AlignedArray.Create<float>(500); // below the size worth aligning: ordinary, zeroed, the right length
        Assert.Equal(500, small.Length);
        Assert.All(small, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void NetworkResultsDoNotDependOnAlignment()
    {
        var reference = Simulate(threads: 1);
        string? old = Environment.GetEnvironmentVariable("BRAINSHARP_ALIGNED_STATE");
        try
        {
            Environment.SetEnvironmentVariable("BRAINSHARP_ALIGNED_STATE", "0");
            var plain1 = Simulate(threads: 1);
            var plain2 = Simulate(threads: 2);
            Assert.Equal(reference.Spikes, plain1.Spikes);
            Assert.Equal(reference.Spikes, plain2.Spikes);
            Assert.Equal(reference.V, plain1.V);
            Assert.Equal(reference.V, plain2.V);
        }
        finally { Environment.SetEnvironmentVariable("BRAINSHARP_ALIGNED_STATE", old); }
        Assert.True(reference.Spikes.Length > 100, $"too few spikes to compare: {reference.Spikes.Length}");
    }

    // E's state (4803 neurons, ~19 KB per array) is above AlignedArray's threshold, so the default run aligns it.
    private static (int[] Spikes, float[] V) Simulate(int threads)
    {
        var net = new Network(seed: 5, threads: threads);
        var cell = LifParams.Coba with { IExt = 190 };
        var e = net.Add(new LifNeuron(4803, cell, "E") { InitialV = Initializer.Uniform(-60, -50) });
        var i = net.Add(new LifNeuron(1201, cell, "I") { InitialV = Initializer.Uniform(-60, -50) });
        var conn = new FixedProbability(0.015);
        net.Add(new Projection(e, e, conn, 0.6, new ExponentialSynapse(4803, 5), new ConductanceOutput(0)));
        net.Add(new Projection(e, i, conn, 1.2, new ExponentialSynapse(1201, 5), new ConductanceOutput(0)));
        net.Add(new Projection(i, e, conn, 6.0, new ExponentialSynapse(4803, 10), new ConductanceOutput(-80)));
        net.Add(new Projection(i, i, conn, 8.0, new ExponentialSynapse(1201, 10), new ConductanceOutput(-80)));
        var m = net.Add(new SpikeMonitor(e));
        using var sim = new Simulator(net, 0.1);
        sim.Run(100);
        return (m.Indices.ToArray().Zip(m.Steps.ToArray(), (n, s) => s * 10_000 + n).ToArray(), (float[])e.V.Clone());
    }
}
