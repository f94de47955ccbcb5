using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Plasticity;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

/// <summary>
/// Constant-weight CSR rows kept in line-aligned slots (<see cref="PaddedRows"/>): the slots against the CSR rows they
/// copy, when the build declines them, and whole networks delivered from slots against the same networks from plain CSR.
/// </summary>
public class PaddedRowsTests
{
    [Fact]
    public unsafe void SlotsHoldEachRowOnALineBoundaryAndDeclineLongOrSkewedRows()
    {
        // Rows of 0..100 targets, sorted, below 60000.
        var rng = new System.Random(3);
        int nRows = 500;
        var ptr = new int[nRows + 1];
        var idx = new List<ushort>();
        for (int i = 0; i < nRows; i++)
        {
            var row = Enumerable.Range(0, rng.Next(0, 101)).Select(_ => (ushort)rng.Next(60000)).Distinct().Order().ToArray();
            idx.AddRange(row);
            ptr[i + 1] = idx.Count;
        }
        var rows = PaddedRows.TryBuild(idx.ToArray(), ptr, 1, 0, nRows)!;
        Assert.NotNull(rows);
        Assert.Equal(128, rows.Cap); // the longest row (at most 100) rounded up to whole 64-byte lines
        Assert.Equal(0, (long)Unsafe.AsPointer(ref rows.Slots[rows.Base]) % 64);
        for (int i = 0; i < nRows; i++)
        {
            Assert.Equal(ptr[i + 1] - ptr[i], rows.Lengths[i]);
            Assert.Equal(idx.GetRange(ptr[i], ptr[i + 1] - ptr[i]), rows.Row(i).ToArray());
        }

        // The same through a split table (stride 3): segment 1 of each row.
        var split = new int[nRows * 3];
        for (int i = 0; i < nRows; i++) { split[i * 3] = ptr[i]; split[i * 3 + 1] = (ptr[i] + ptr[i + 1]) / 2; split[i * 3 + 2] = ptr[i + 1]; }
        var second = PaddedRows.TryBuild(idx.ToArray(), split, 3, 1, nRows)!;
        for (int i = 0; i < nRows; i++)
            Assert.Equal(idx.GetRange(split[i * 3 + 1], split[i * 3 + 2] - split[i * 3 + 1]),
                second.Row(i).ToArray());

        // A row of 256 targets does not fit a byte length; one row of 200 among rows of 2 would take 100 times the bytes.
        var longRow = Enumerable.Range(0, 256).Select(k => (ushort)k).ToArray();
        Assert.Null(PaddedRows.TryBuild(longRow, [0, 256], 1, 0, 1));
        var skewPtr = Enumerable.Range(0, 101).Select(i => i == 0 ? 0 : 200 + 2 * (i - 1)).ToArray();
        Assert.Null(PaddedRows.TryBuild(new ushort[skewPtr[^1]], skewPtr, 1, 0, 100));
    }

    [Fact]
    public void AHubRowLongerThanAByteKeepsPlainCsr()
    {
        var net = new Network(seed: 2);
        var a = net.Add(new LifNeuron(300, LifParams.Coba, "a"));
        var pre = Enumerable.Repeat(0, 300).Concat(Enumerable.Range(1, 299)).ToArray();
        var post = Enumerable.Range(0, 300).Concat(Enumerable.Range(0, 299)).ToArray();
        var hub = net.Add(new Projection(a, a, new FromEdgeList(pre, post), 1.0, new ExponentialSynapse(300, 5), new ConductanceOutput(0))
            { UsePaddedRows = true });
        var ring = net.Add(new Projection(a, a, new FixedProbability(0.05), 1.0, new ExponentialSynapse(300, 5), new ConductanceOutput(0))
            { UsePaddedRows = true });
        net.Build(new Clock(0.1));
        Assert.False(hub.DeliversFromPaddedRows);
        Assert.True(ring.DeliversFromPaddedRows);
    }

    private sealed record Run(int[] Spikes, float[] VE, float[][] G, bool[] Padded);

    private static Run Simulate(int threads, bool padded, bool fuse)
    {
        var net = new Network(seed: 8, threads: threads) { FuseSynapses = fuse };
        var cell = LifParams.Coba with { IExt = 190 };
        var e = net.Add(new LifNeuron(1203, cell, "E") { InitialV = Initializer.Uniform(-60, -50) });
        var i = net.Add(new LifNeuron(301, cell, "I") { InitialV = Initializer.Uniform(-60, -50) });
        var conn = new FixedProbability(0.05);
        var p = new[]
        {
            net.Add(new Projection(e, e, conn, 0.6, new ExponentialSynapse(1203, 5), new ConductanceOutput(0)) { UsePaddedRows = padded }),
            net.Add(new Projection(i, e, conn, 6.0, new ExponentialSynapse(1203, 10), new ConductanceOutput(-80))
                { UsePaddedRows = padded, ShortTerm = new TsodyksMarkram(0.4, 150, 30) }),
            net.Add(new Projection(e, i, conn, 1.2, new ExponentialSynapse(301, 5), new ConductanceOutput(0))
                { UsePaddedRows = padded, Delay = Initializer.Constant(0.7) }),
            net.Add(new Projection(i, i, conn, -20.0, new ExponentialSynapse(301, 10), new CurrentOutput()) { UsePaddedRows = padded }),
        };
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        using var sim = new Simulator(net, 0.1);
        sim.Run(150);
        var spikes = me.Indices.ToArray().Zip(me.Steps.ToArray(), (n, s) => s * 10_000 + n)
            .Concat(mi.Indices.ToArray().Zip(mi.Steps.ToArray(), (n, s) => s * 10_000 + 5000 + n)).ToArray();
        return new Run(spikes, (float[])e.V.Clone(), p.Select(x => (float[])x.Synapse.Value.Clone()).ToArray(),
            p.Select(x => x.DeliversFromPaddedRows).ToArray());
    }

    /// <summary>
    /// Recurrent E/I cells with constant weights (one projection with short-term plasticity, one with a delay), fused and
    /// unfused, on 1-3 threads: delivered from slots, spikes, v and every conductance equal the plain-CSR run bit for bit
    /// (the adds are the same, in the same order).
    /// </summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public void DeliveryFromSlotsEqualsPlainCsrBitForBit(int threads, bool fuse)
    {
        var plain = Simulate(threads, padded: false, fuse);
        var slots = Simulate(threads, padded: true, fuse);
        Assert.All(plain.Padded, Assert.False);
        Assert.All(slots.Padded, Assert.True);
        Assert.True(plain.Spikes.Length > 500, $"the network should be active ({plain.Spikes.Length} spikes)");
        Assert.Equal(plain.Spikes, slots.Spikes);
        Assert.Equal(plain.VE, slots.VE);
        for (int k = 0; k < plain.G.Length; k++) Assert.Equal(plain.G[k], slots.G[k]);
    }

    private static (int[] spikes, float[] v, float[] g, bool padded) RunSerial(int threads, bool padded)
    {
        var net = new Network(seed: 8, threads: threads);
        var cell = LifParams.Coba with { IExt = 190 };
        var e = net.Add(new LifNeuron(1203, cell, "E") { InitialV = Initializer.Uniform(-60, -50) });
        // MagnesiumBlockOutput cannot apply a range: the coupling is serial (worker 0 delivers whole rows).
        var p = net.Add(new Projection(e, e, new FixedProbability(0.05), 0.6, new ExponentialSynapse(1203, 5), new MagnesiumBlockOutput(0))
            { UsePaddedRows = padded });
        net.Add(new Projection(e, e, new FixedProbability(0.05), 0.3, new ExponentialSynapse(1203, 5), new ConductanceOutput(0))
            { UsePaddedRows = padded });
        var m = net.Add(new SpikeMonitor(e));
        using var sim = new Simulator(net, 0.1);
        sim.Run(100);
        Assert.False(p.IsPartitioned);
        var spikes = m.Indices.ToArray().Zip(m.Steps.ToArray(), (n, s) => s * 10_000 + n).ToArray();
        return (spikes, (float[])e.V.Clone(), (float[])p.Synapse.Value.Clone(), p.DeliversFromPaddedRows);
    }

    /// <summary>
    /// A coupling whose output cannot act on a range (magnesium block) is delivered whole by worker 0 on any thread count:
    /// from whole-row slots, bit for bit what plain CSR gives.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SerialCouplingWholeRowsFromSlotsEqualPlainCsr(int threads)
    {
        var plain = RunSerial(threads, false);
        var slots = RunSerial(threads, true);
        Assert.False(plain.padded);
        Assert.True(slots.padded);
        Assert.True(plain.spikes.Length > 200, $"{plain.spikes.Length} spikes");
        Assert.Equal(plain.spikes, slots.spikes);
        Assert.Equal(plain.v, slots.v);
        Assert.Equal(plain.g, slots.g);
    }

    /// <summary>
    /// A projection built again for another worker count (reused in a second network) delivers what a naive sum over its
    /// rows gives: layouts of the earlier build are dropped (before, a 2-worker build followed by a 1-worker one kept the
    /// per-worker rows and delivered worker 0's half only).
    /// </summary>
    [Theory]
    [InlineData(2, 1, true)]
    [InlineData(1, 3, true)]
    [InlineData(3, 2, false)]
    [InlineData(2, 1, false)]
    public void RebuildWithOtherWorkersDeliversTheNaiveSum(int w1, int w2, bool padded)
    {
        int nPost = 500;
        var pre = new LifNeuron(300, LifParams.Coba, "pre");
        var post = new LifNeuron(nPost, LifParams.Coba, "post");
        var syn = new ExponentialSynapse(nPost, 5);
        var proj = new Projection(pre, post, new FixedProbability(0.1), 1.5, syn, new CurrentOutput()) { UsePaddedRows = padded };
        var clock = new Clock(0.1);
        proj.Build(clock, 9, Partition.Split(nPost, w1));
        proj.Build(clock, 9, Partition.Split(nPost, w2));
        Assert.Equal(padded, proj.DeliversFromPaddedRows);
        proj.Reset(0);
        int[] spiking = { 3, 17, 18, 150, 299 };
        foreach (int i in spiking) pre.Spikes.Add(i);
        proj.CollectSpikes(clock);
        for (int w = 0; w < w2; w++) proj.Propagate(clock, w);
        var expected = new double[nPost];
        var s = proj.Structure!;
        foreach (int i in spiking) for (int k = s.RowPtr[i]; k < s.RowPtr[i + 1]; k++) expected[s.PostIndices[k]] += 1.5;
        for (int j = 0; j < nPost; j++) Assert.Equal(expected[j], syn.Value[j], 1e-4);
    }

    /// <summary>Targets beyond 16-bit indices keep plain CSR (slots hold 16-bit targets only).</summary>
    [Fact]
    public void MoreThan65536TargetsKeepsPlainCsr()
    {
        var pre = new LifNeuron(20, LifParams.Coba, "pre");
        var post = new LifNeuron(70_000, LifParams.Coba, "post");
        var proj = new Projection(pre, post, new FixedProbability(0.001), 1.0, new ExponentialSynapse(70_000, 5), new CurrentOutput())
            { UsePaddedRows = true };
        proj.Build(new Clock(0.1), 9, Partition.Split(70_000, 1));
        Assert.False(proj.DeliversFromPaddedRows);
    }
}
