using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Plasticity;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

/// <summary>
/// Threaded delivery of all projections from one source group as one unit (<see cref="SourceBundle"/>): which projections
/// it takes, and networks delivered through bundles against the same networks delivered projection by projection and on
/// one thread.
/// </summary>
public class SourceBundleTests
{
    private sealed record Run(int[] Spikes, float[] VE, float[] VI, float[][] G, int Units, bool[] InBundle, long Stolen);

    /// <summary>
    /// Recurrent E (1203) and I (301) cells as in COBA (sizes not multiples of 8), constant weights; with
    /// <paramref name="mixed"/> one projection from each source is not bundleable (short-term plasticity on I->E, a delay
    /// on E->I) and an extra E->I projection with another delay joins nothing either.
    /// </summary>
    private static Run Simulate(int threads, bool bundle, bool mixed = false, Action<Network>? hooks = null)
    {
        var net = new Network(seed: 13, threads: threads) { BundleSources = bundle, Help = HelpPolicy.Always };
        hooks?.Invoke(net);
        var cell = LifParams.Coba with { IExt = 190 };
        var e = net.Add(new LifNeuron(1203, cell, "E") { InitialV = Initializer.Uniform(-60, -50) });
        var i = net.Add(new LifNeuron(301, cell, "I") { InitialV = Initializer.Uniform(-60, -50) });
        var conn = new FixedProbability(0.05);
        var p = new List<Projection>
        {
            net.Add(new Projection(e, e, conn, 0.6, new ExponentialSynapse(1203, 5), new ConductanceOutput(0))),
            net.Add(new Projection(e, i, conn, 1.2, new ExponentialSynapse(301, 5), new ConductanceOutput(0))),
            net.Add(new Projection(i, e, conn, 6.0, new ExponentialSynapse(1203, 10), new ConductanceOutput(-80))
                { ShortTerm = mixed ? new TsodyksMarkram(0.4, 150, 30) : null }),
            net.Add(new Projection(i, i, conn, 8.0, new ExponentialSynapse(301, 10), new ConductanceOutput(-80))),
        };
        if (mixed)
        {
            // Two more target groups (the LIF kernel fuses at most two conductances per group): X and Y take one input
            // from E with a delay each, and from I one delayed and one not.
            var x = net.Add(new LifNeuron(401, cell, "X") { InitialV = Initializer.Uniform(-60, -50) });
            var y = net.Add(new LifNeuron(203, cell, "Y") { InitialV = Initializer.Uniform(-60, -50) });
            var delayed = Initializer.Constant(0.7);
            p.Add(net.Add(new Projection(e, x, conn, 0.9, new ExponentialSynapse(401, 3), new ConductanceOutput(0)) { Delay = delayed }));
            p.Add(net.Add(new Projection(i, x, conn, 3.0, new ExponentialSynapse(401, 7), new ConductanceOutput(-70)) { Delay = delayed }));
            p.Add(net.Add(new Projection(e, y, conn, 0.8, new ExponentialSynapse(203, 4), new ConductanceOutput(0)) { Delay = delayed }));
            p.Add(net.Add(new Projection(i, y, conn, 4.0, new ExponentialSynapse(203, 8), new ConductanceOutput(-75))));
        }
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        using var sim = new Simulator(net, 0.1);
        long before = net.StolenUnits;
        sim.Run(150);
        var spikes = me.Indices.ToArray().Zip(me.Steps.ToArray(), (n, s) => s * 10_000 + n)
            .Concat(mi.Indices.ToArray().Zip(mi.Steps.ToArray(), (n, s) => s * 10_000 + 5000 + n)).ToArray();
        return new Run(spikes, (float[])e.V.Clone(), (float[])i.V.Clone(), p.Select(x => (float[])x.Synapse.Value.Clone()).ToArray(),
            net.DeliveryUnitCount, p.Select(x => x.InBundle).ToArray(), net.StolenUnits - before);
    }

    private static void AssertSame(Run a, Run b)
    {
        Assert.True(a.Spikes.Length > 500, $"the network should be active ({a.Spikes.Length} spikes)");
        Assert.Equal(a.Spikes, b.Spikes);
        Assert.Equal(a.VE, b.VE);
        Assert.Equal(a.VI, b.VI);
        for (int k = 0; k < a.G.Length; k++) Assert.Equal(a.G[k], b.G[k]);
    }

    /// <summary>
    /// Four COBA projections on 2 and 3 threads: two bundles (E->E with E->I, I->E with I->I), and spikes, v and every
    /// conductance bit for bit those of the unbundled run and of one thread.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void BundlesDeliverExactlyWhatTheirMembersDeliverAlone(int threads)
    {
        var one = Simulate(1, bundle: true);
        var apart = Simulate(threads, bundle: false);
        var bundled = Simulate(threads, bundle: true);
        Assert.Equal(4, one.Units); // one thread bundles nothing
        Assert.All(one.InBundle, Assert.False);
        Assert.Equal(4, apart.Units);
        Assert.All(apart.InBundle, Assert.False);
        Assert.Equal(2, bundled.Units);
        Assert.All(bundled.InBundle, Assert.True);
        AssertSame(apart, bundled);
        AssertSame(one, bundled);
    }

    /// <summary>
    /// Bundles form per source and delay, without projections with short-term plasticity: E->E with E->I, the delayed
    /// E->X with the delayed E->Y (their due spikes come from their delay lines), I->I with I->Y; I->E (plasticity) and
    /// I->X (the only delayed one from I) stay on their own. Five units instead of eight, same results as unbundled.
    /// </summary>
    [Fact]
    public void OnlyProjectionsWithOneDelayAndNoPlasticityBundle()
    {
        var apart = Simulate(2, bundle: false, mixed: true);
        var bundled = Simulate(2, bundle: true, mixed: true);
        Assert.Equal(8, apart.Units);
        Assert.Equal(5, bundled.Units);
        Assert.Equal(new[] { true, true, false, true, true, false, true, true }, bundled.InBundle);
        AssertSame(apart, bundled);
    }

    /// <summary>
    /// Worker 1 dawdles before each unit of its own share, so worker 0 runs worker 1's bundles: still the same results.
    /// </summary>
    [Fact]
    public void ABundleRunByAnotherWorkerGivesTheSameResult()
    {
        var apart = Simulate(2, bundle: false);
        var stolen = Simulate(2, bundle: true, hooks: net => net.BeforeUnit = (w, share) => { if (w == 1 && share == 1) Dawdle(200); });
        Assert.True(stolen.Stolen >= 1, "worker 0 ran none of worker 1's bundles in 1500 steps");
        AssertSame(apart, stolen);
    }

    [Fact]
    public void ABundledProjectionDoesNotDeliverOnItsOwn()
    {
        var net = new Network(seed: 1, threads: 2);
        var a = net.Add(new LifNeuron(200, LifParams.Coba, "a"));
        var b = net.Add(new LifNeuron(100, LifParams.Coba, "b"));
        var p = net.Add(new Projection(a, a, new FixedProbability(0.1), 1.0, new ExponentialSynapse(200, 5), new ConductanceOutput(0)));
        net.Add(new Projection(a, b, new FixedProbability(0.1), 1.0, new ExponentialSynapse(100, 5), new ConductanceOutput(0)));
        net.Build(new Clock(0.1));
        Assert.True(p.InBundle);
        var ex = Assert.Throws<InvalidOperationException>(() => p.Propagate(net.Clock!, 0));
        Assert.Contains("bundle", ex.Message);
    }

    private static void Dawdle(int us)
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency * us / 1_000_000;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
    }
}
