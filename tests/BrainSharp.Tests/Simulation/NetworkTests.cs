using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Networks;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

public class NetworkTests
{
    private static (int[] idx, int[] steps) Spikes(BuiltNetwork b)
    {
        var idx = new List<int>(); var st = new List<int>();
        int offset = 0;
        foreach (var m in b.SpikeMonitors)
        {
            foreach (int i in m.Indices) idx.Add(i + offset);
            st.AddRange(m.Steps.ToArray());
            offset += m.Group.Size;
        }
        return (idx.ToArray(), st.ToArray());
    }

    private static (int[], int[]) Run(string model, int n, ConnectivityStorage storage, int threads, double ms, ulong seed = 3)
    {
        var b = ReferenceNetworks.Create(model).Build(n, seed, storage, threads);
        using var sim = new Simulator(b.Network, 0.1);
        sim.Run(ms);
        return Spikes(b);
    }

    [Fact]
    public void SameSpikesOnOneAndTwoThreads()
    {
        // Short runs: on a machine with fewer free cores than threads, every barrier may wait for a time slice.
        var one = Run("coba", 1000, ConnectivityStorage.Csr, 1, 40);
        var two = Run("coba", 1000, ConnectivityStorage.Csr, 2, 40);
        Assert.True(one.Item1.Length > 100);
        Assert.Equal(one.Item1, two.Item1);
        Assert.Equal(one.Item2, two.Item2);
        var three = Run("cuba", 1000, ConnectivityStorage.Procedural, 3, 30);
        var single = Run("cuba", 1000, ConnectivityStorage.Procedural, 1, 30);
        Assert.True(single.Item1.Length > 30);
        Assert.Equal(single.Item1, three.Item1);
        Assert.Equal(single.Item2, three.Item2);
    }

    [Fact]
    public void ProceduralAndDenseGiveTheSameSpikesAsCsr()
    {
        var csr = Run("coba", 1000, ConnectivityStorage.Csr, 1, 150);
        var proc = Run("coba", 1000, ConnectivityStorage.Procedural, 1, 150);
        var dense = Run("coba", 1000, ConnectivityStorage.Dense, 1, 150);
        Assert.True(csr.Item1.Length > 500);
        Assert.Equal(csr.Item1, proc.Item1);
        Assert.Equal(csr.Item2, proc.Item2);
        Assert.Equal(csr.Item1, dense.Item1);
    }

    [Fact]
    public void RestoredSnapshotContinuesWithExactlyTheSameSpikes()
    {
        var whole = ReferenceNetworks.Create("coba").Build(1000, 11);
        using (var sim = new Simulator(whole.Network, 0.1)) sim.Run(1000);
        var (allIdx, allSteps) = Spikes(whole);

        var first = ReferenceNetworks.Create("coba").Build(1000, 11);
        StateSnapshot snap;
        using (var sim = new Simulator(first.Network, 0.1))
        {
            sim.Run(500);
            snap = sim.Snapshot();
            sim.Run(100); // moves on, so the restore below really has to rewind
            sim.Restore(snap);
            foreach (var m in first.SpikeMonitors) m.Clear();
            sim.Run(500);
        }
        // And through a checkpoint file into a freshly built network.
        var ms = new MemoryStream();
        snap.WriteTo(ms); ms.Position = 0;
        var fresh = ReferenceNetworks.Create("coba").Build(1000, 11);
        using (var sim = new Simulator(fresh.Network, 0.1))
        {
            sim.Restore(StateSnapshot.ReadFrom(ms));
            Assert.Equal(500.0, sim.TimeMs, 9);
            sim.Run(500);
        }
        int cut = Array.FindIndex(allSteps, s => s >= 5000);
        var tail = (allIdx[cut..], allSteps[cut..]);
        Assert.True(tail.Item1.Length > 1000);
        // Monitors record per population; compare the per-population order by rebuilding the same view.
        var a = Split(whole, 5000); var b = Spikes(first); var c = Spikes(fresh);
        Assert.Equal(a.Item1, b.Item1); Assert.Equal(a.Item2, b.Item2);
        Assert.Equal(a.Item1, c.Item1); Assert.Equal(a.Item2, c.Item2);
    }

    private static (int[], int[]) Split(BuiltNetwork b, int fromStep)
    {
        var idx = new List<int>(); var st = new List<int>();
        int offset = 0;
        foreach (var m in b.SpikeMonitors)
        {
            for (int k = 0; k < m.Count; k++)
                if (m.Steps[k] >= fromStep) { idx.Add(m.Indices[k] + offset); st.Add(m.Steps[k]); }
            offset += m.Group.Size;
        }
        return (idx.ToArray(), st.ToArray());
    }

    [Fact]
    public void StepLoopAllocatesNothing()
    {
        foreach (var storage in new[] { ConnectivityStorage.Csr, ConnectivityStorage.Procedural })
        {
            var b = ReferenceNetworks.Create("coba").Build(1000, 5, storage);
            var e = b.Populations[0];
            b.Network.Add(new StateMonitor(e, "v", new[] { 0, 5, 9 }, stride: 10));
            b.Network.Add(new RateMonitor(e, binSteps: 10));
            using var sim = new Simulator(b.Network, 0.1);
            foreach (var m in b.SpikeMonitors) m.Reserve(400_000);
            foreach (var r in b.Network.Recorders)
            {
                if (r is StateMonitor sm) sm.Reserve(10_000);
                if (r is RateMonitor rm) rm.Reserve(10_000);
            }
            sim.Run(100); // warm-up: JIT tiers, lazily created buffers
            // Under a loaded machine the tier-1 recompilation can land inside the first window, and tier-0 code
            // heap-allocates what tier-1 code keeps on the stack. A real per-step allocation shows in every window,
            // so the step loop must reach a window of 4000 steps with zero bytes within a few tries.
            long allocated = -1;
            for (int attempt = 0; attempt < 5 && allocated != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                sim.Run(400); // 4000 steps
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Assert.True(b.MeanRateHz > 1);
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void MonitorsAgree()
    {
        var b = ReferenceNetworks.Create("cuba").Build(1000, 8);
        var e = b.Populations[0];
        var rate = b.Network.Add(new RateMonitor(e, binSteps: 50));
        var v = b.Network.Add(new StateMonitor(e, "v", new[] { 3, 7 }, stride: 20));
        var streamed = 0L;
        var sink = b.Network.Add(new SpikeMonitor(e, (step, t, idx) => streamed += idx.Length, keep: false));
        using var sim = new Simulator(b.Network, 0.1);
        var spikes = b.Monitor("E");
        sim.Run(150);
        Assert.Equal(spikes.SpikeCounts, sink.SpikeCounts); // kept spikes are counted when read: also between runs
        sim.Run(150);
        Assert.Equal(spikes.MeanRateHz, rate.MeanRateHz, 3);
        Assert.Equal(spikes.TotalSpikes, streamed);
        Assert.Equal(0, sink.Count);
        Assert.Equal(spikes.SpikeCounts, sink.SpikeCounts);
        Assert.Equal(150, v.Samples);
        Assert.Equal(2.1, v.TimeOf(1), 9);       // sample of step 20 = values at the end of that step
        Assert.Equal(spikes.TotalSpikes, spikes.SpikeCounts.Sum());
        Assert.All(v.Series(0), x => Assert.InRange(x, -90f, -50f)); // above threshold means reset within the step
        spikes.Clear(); sink.Clear();
        sim.Run(50);
        Assert.Equal(spikes.SpikeCounts, sink.SpikeCounts);
        Assert.True(spikes.TotalSpikes > 0);
    }

    private static (Network net, LifNeuron pre, LifNeuron post, ExponentialSynapse syn) OneSpikeNetwork(Func<LifNeuron, LifNeuron, ExponentialSynapse, Projection> make)
    {
        // pre fires at 17.9 ms (step 179) under constant drive; post is silent.
        var net = new Network(seed: 2);
        var pre = net.Add(new LifNeuron(1, new LifParams { Cm = 100, GL = 10, EL = 0, VTh = 1, VReset = 0, TRef = 0, IExt = 12 }, "pre"));
        var post = net.Add(new LifNeuron(4, LifParams.Coba, "post"));
        var syn = new ExponentialSynapse(4, tau: 5);
        net.Add(make(pre, post, syn));
        return (net, pre, post, syn);
    }

    /// <summary>Counts its updates; has no state.</summary>
    private sealed class UpdateCounter : DynamicalSystem
    {
        public UpdateCounter() : base("counter", 1) { }
        public int Updates;
        public override IReadOnlyList<StateVariable> States => Array.Empty<StateVariable>();
        public override void Reset(ulong seed) { }
        public override void Update(Clock clock) => Updates++;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void BuildRehearsesOneStepWithoutTrace(int threads)
    {
        // pre starts above threshold, so the build's rehearsal step fires it and puts the spike into the delay line:
        // after the build nothing of that may remain, and the run must see the spike exactly once, at its own time.
        var net = new Network(seed: 2, threads);
        var pre = net.Add(new LifNeuron(1, new LifParams { Cm = 100, GL = 10, EL = 0, VTh = 1, VReset = 0, TRef = 0 }, "pre") { InitialV = 2.0 });
        var post = net.Add(new LifNeuron(4, LifParams.Coba, "post"));
        var syn = new ExponentialSynapse(4, tau: 5);
        net.Add(new Projection(pre, post, new FixedProbability(1), 2.0, syn, new CurrentOutput()) { Delay = Initializer.Constant(1.5) });
        var counter = net.Add(new UpdateCounter());
        var spikes = net.Add(new SpikeMonitor(pre));
        var g = net.Add(new StateMonitor(syn.States[0], stride: 1));
        using var sim = new Simulator(net, 0.1);
        Assert.Equal(0, sim.Clock.Step);
        Assert.Equal(0, counter.Updates);
        Assert.Equal(0, spikes.Count);
        Assert.Equal(0, g.Samples);
        Assert.Equal(2f, pre.V[0]);
        Assert.All(syn.States[0].Values, x => Assert.Equal(0f, x));

        sim.Run(3);
        Assert.Equal(30, counter.Updates);
        Assert.Equal(new[] { 0 }, spikes.Steps.ToArray());
        int first = Enumerable.Range(0, g.Samples).First(k => g.Sample(k)[0] != 0);
        Assert.Equal(1.5, g.TimeOf(first), 9);   // the spike at step 0 (t = 0) arrives after its 1.5 ms delay, once
        Assert.Equal(2f, g.Sample(first)[0]);
    }

    [Theory]
    [InlineData(null, 18.0)]   // default: one step, Brian2's zero delay
    [InlineData(0.1, 18.0)]
    [InlineData(1.5, 19.4)]
    public void HomogeneousDelayShiftsArrival(double? delay, double expectedMs)
    {
        var (net, _, _, syn) = OneSpikeNetwork((pre, post, s) => new Projection(pre, post, new FixedProbability(1), 2.0, s, new CurrentOutput())
        { Delay = delay is null ? null : Initializer.Constant(delay.Value) });
        var mon = net.Add(new StateMonitor(syn.States[0], stride: 1));
        using var sim = new Simulator(net, 0.1);
        sim.Run(30);
        int first = Enumerable.Range(0, mon.Samples).First(k => mon.Sample(k)[0] != 0);
        Assert.Equal(expectedMs, mon.TimeOf(first), 9);   // spike at 17.9 ms + delay
        Assert.Equal(2f, mon.Sample(first)[0]);
    }

    [Fact]
    public void PerSynapseDelaysArriveAtTheirOwnTimesAndProceduralMatchesCsr()
    {
        var traces = new List<float[][]>();
        foreach (var storage in new[] { ConnectivityStorage.Csr, ConnectivityStorage.Procedural })
        {
            Projection? proj = null;
            var (net, _, _, syn) = OneSpikeNetwork((pre, post, s) => proj = new Projection(pre, post, new FixedProbability(1), Initializer.Uniform(1, 2), s, new CurrentOutput())
            { Delay = Initializer.Uniform(0.1, 3.0), Storage = storage, Seed = 77 });
            var mon = net.Add(new StateMonitor(syn.States[0], stride: 1));
            using var sim = new Simulator(net, 0.1);
            sim.Run(30);
            traces.Add(Enumerable.Range(0, mon.Samples).Select(k => mon.Sample(k).ToArray()).ToArray());
            if (storage == ConnectivityStorage.Csr)
            {
                // Each post unit's variable first jumps by exactly its weight at 17.9 ms + its own delay.
                var rng = new BrainSharp.Random.RandomStream(0, 0);
                for (int j = 0; j < 4; j++)
                {
                    int first = Enumerable.Range(0, mon.Samples).First(k => mon.Sample(k)[j] != 0);
                    double arrival = mon.TimeOf(first) - 17.9;
                    Assert.InRange(arrival, 0.1 - 1e-9, 3.0 + 1e-9);
                    Assert.Equal(proj!.Weights![j], mon.Sample(first)[j]);
                }
            }
        }
        Assert.Equal(traces[0].Length, traces[1].Length);
        for (int k = 0; k < traces[0].Length; k++) Assert.Equal(traces[0][k], traces[1][k]);
        Assert.Contains(traces[0], s => s.Distinct().Count() > 2); // delays really differ
    }

    [Theory]
    [InlineData(200, 0.1)]
    [InlineData(70_000, 0.002)] // more targets than 16-bit indices can name: the 32-bit delivery path
    public void EventDrivenDeliveryEqualsDenseMatrixProduct(int nPost, double p)
    {
        var pre = new LifNeuron(300, LifParams.Coba, "pre");
        var post = new LifNeuron(nPost, LifParams.Coba, "post");
        var syn = new ExponentialSynapse(nPost, 5);
        var proj = new Projection(pre, post, new FixedProbability(p), Initializer.Normal(2, 0.5), syn, new CurrentOutput());
        var clock = new Clock(0.1);
        proj.Build(clock, 9, Partition.Split(nPost, 1));
        proj.Reset(0);
        int[] spiking = { 3, 17, 18, 150, 299 };
        foreach (int i in spiking) pre.Spikes.Add(i);
        proj.CollectSpikes(clock);
        proj.Propagate(clock, 0);
        // Naive: the spiking rows of W (pre x post) summed into a dense vector, in double.
        var expected = new double[nPost];
        var s = proj.Structure!;
        foreach (int i in spiking) for (int k = s.RowPtr[i]; k < s.RowPtr[i + 1]; k++) expected[s.PostIndices[k]] += proj.Weights![k];
        Assert.Contains(expected, v => v != 0);
        if (nPost > 65536) Assert.Contains(Enumerable.Range(0, nPost), j => j > 65535 && expected[j] != 0);
        for (int j = 0; j < nPost; j++) Assert.Equal(expected[j], syn.Value[j], 1e-4);
    }

    private sealed class HalfEfficacy : BrainSharp.Plasticity.ShortTermPlasticity
    {
        private float[] _count = Array.Empty<float>();
        public override void Build(int nPre, Clock clock) => _count = new float[nPre];
        public override void Reset() => Array.Clear(_count);
        public override void OnSpikes(ReadOnlySpan<int> pre, double tMs, Span<float> efficacy)
        {
            for (int k = 0; k < pre.Length; k++) efficacy[k] = 1f / (1 + _count[pre[k]]++); // 1, 1/2, 1/3, ...
        }
        public override IReadOnlyList<StateVariable> States => new[] { new StateVariable("count", "1", _count) };
    }

    private sealed class Recorder : BrainSharp.Plasticity.SpikeTimingPlasticity
    {
        public readonly List<(long step, int[] pre, int[] post)> Calls = new();
        public override void Build(SynapseView synapses, Clock clock) { }
        public override void Reset() { }
        public override void Update(Clock clock, ReadOnlySpan<int> preSpikes, ReadOnlySpan<int> postSpikes, SynapseView synapses)
        {
            if (preSpikes.Length + postSpikes.Length > 0) Calls.Add((clock.Step, preSpikes.ToArray(), postSpikes.ToArray()));
            // Potentiate every synapse of a delivered pre spike; the spike itself must have used the old weight.
            foreach (int i in preSpikes) for (int k = synapses.RowPtr[i]; k < synapses.RowPtr[i + 1]; k++) synapses.Weights[k] += 1;
        }
        public override IReadOnlyList<StateVariable> States => Array.Empty<StateVariable>();
    }

    [Fact]
    public void PlasticityHooksScaleAndUpdateWeights()
    {
        var stp = new HalfEfficacy();
        var stdp = new Recorder();
        Projection? proj = null;
        var (net, _, _, syn) = OneSpikeNetwork((pre, post, s) => proj = new Projection(pre, post, new FixedProbability(1), 2.0, s, new CurrentOutput())
        { ShortTerm = stp, SpikeTiming = stdp, Delay = 0.3 });
        var mon = net.Add(new StateMonitor(syn.States[0], stride: 1));
        using var sim = new Simulator(net, 0.1);
        sim.Run(50); // pre spikes at steps 179 and 359
        Assert.Equal(new long[] { 181, 361 }, stdp.Calls.Select(c => c.step).ToArray()); // delivered after 3 steps
        Assert.All(stdp.Calls, c => Assert.Equal(new[] { 0 }, c.pre));
        int first = Enumerable.Range(0, mon.Samples).First(k => mon.Sample(k)[0] != 0);
        Assert.Equal(2f, mon.Sample(first)[0]);                       // weight 2, efficacy 1
        float before = mon.Sample(361 - 1)[0];
        float jump = mon.Sample(361)[0] - before * (float)Math.Exp(-0.1 / 5);
        Assert.Equal(3f * 0.5f, jump, 1e-4);                           // weight 2 + 1 (STDP), efficacy 1/2
        Assert.All(proj!.Weights!, x => Assert.Equal(4f, x));
    }

    [Fact]
    public void BadInputThrowsAtBuildNamingModelParameterAndValue()
    {
        var net = new Network();
        var a = net.Add(new LifNeuron(10, LifParams.Coba, "A"));
        var b = net.Add(new LifNeuron(20, LifParams.Coba, "B"));
        net.Add(new Projection(a, b, new FixedProbability(0.5), 1.0, new ExponentialSynapse(10, 5), new CurrentOutput(), "A->B"));
        var ex = Assert.Throws<ArgumentException>(() => new Simulator(net, 0.1));
        Assert.Contains("Projection 'A->B'", ex.Message);
        Assert.Contains("mismatched population sizes", ex.Message);
        Assert.Contains("20", ex.Message);

        var net2 = new Network();
        var c = net2.Add(new LifNeuron(10, LifParams.Coba, "C"));
        net2.Add(new Projection(c, c, new FixedProbability(0.5), 1.0, new ExponentialSynapse(10, 5), new CurrentOutput(), "C->C") { Delay = 0.05 });
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => new Simulator(net2, 0.1));
        Assert.Contains("Projection 'C->C'", ex2.Message);
        Assert.Contains("delay", ex2.Message);
        Assert.Contains("0.05", ex2.Message);

        var net3 = new Network();
        var d = net3.Add(new LifNeuron(10, LifParams.Coba, "D"));
        net3.Add(new Projection(d, d, new FixedProbability(0.5), Initializer.Normal(1, -2), new ExponentialSynapse(10, 5), new CurrentOutput(), "D->D"));
        var ex3 = Assert.Throws<ArgumentOutOfRangeException>(() => new Simulator(net3, 0.1));
        Assert.Contains("Projection 'D->D'", ex3.Message);
        Assert.Contains("weight", ex3.Message);
        Assert.Contains("-2", ex3.Message);

        var net4 = new Network();
        var e = net4.Add(new LifNeuron(10, LifParams.Coba, "E"));
        var f = new LifNeuron(10, LifParams.Coba, "F");
        net4.Add(new Projection(e, f, new FixedProbability(0.5), 1.0, new ExponentialSynapse(10, 5), new CurrentOutput(), "E->F"));
        var ex4 = Assert.Throws<InvalidOperationException>(() => new Simulator(net4, 0.1));
        Assert.Contains("'F'", ex4.Message);
    }

    [Fact]
    public void ReferenceNetworkParametersAreValidated()
    {
        var coba = ReferenceNetworks.Create("COBA");
        Assert.Contains("coba", ReferenceNetworks.Names);
        Assert.Contains("cuba", ReferenceNetworks.Names);
        Assert.Equal(6.0, coba.Get("w_e"));
        coba.Set("w_e", "7.5");
        Assert.Equal(7.5, coba.Get("w_e"));
        var ex = Assert.Throws<ArgumentException>(() => coba.Set("w_x", 1));
        Assert.Contains("w_x", ex.Message); Assert.Contains("w_e", ex.Message);
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => coba.Set("tau_e", -5));
        Assert.Contains("tau_e", ex2.Message); Assert.Contains("-5", ex2.Message);
        Assert.Throws<KeyNotFoundException>(() => ReferenceNetworks.Create("nope"));
        Assert.All(ReferenceNetworks.All, n => Assert.False(string.IsNullOrWhiteSpace(n.Description)));
        var b = coba.Build(500, 1);
        Assert.Equal(new[] { "E", "I" }, b.Populations.Select(p => p.Name).ToArray());
        Assert.Equal(400, b.Populations[0].Size);
    }
}
