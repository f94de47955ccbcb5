using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Plasticity;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;
using BrainSharp.Tests.Synapses;

namespace BrainSharp.Tests.Plasticity;

/// <summary>The plasticity rules plugged into simcore's Projection through its hooks.</summary>
public class ProjectionPlasticityTests
{
    [Fact]
    public void TsodyksMarkram_ScalesTransmittedWeightsInAProjection()
    {
        double U = 0.4, tauD = 200, tauF = 50, isi = 20, w = 100;
        var times = Enumerable.Range(0, 8).Select(n => 10 + n * isi).ToArray();
        var net = new Network(seed: 1);
        var pre = net.Add(new SpikeGeneratorGroup(1, new int[times.Length], times));
        var post = net.Add(new PassiveGroup(1));
        net.Add(new Projection(pre, post, new AllToAll(), w, new DeltaSynapse(1, scaleByDt: false), new CurrentOutput())
        { ShortTerm = new TsodyksMarkram(U, tauD, tauF) });
        using var sim = new Simulator(net, 0.1);
        sim.Run(200);
        // The current a spike produces (one step long, one step after the spike) = w u_n R_n from the TPM 1998 recursion.
        var pulses = post.Trace0.Where(x => x != 0).ToArray();
        Assert.Equal(times.Length, pulses.Length);
        double u = 0, r = 1;
        for (int n = 0; n < times.Length; n++)
        {
            double ef = n == 0 ? 0 : Math.Exp(-isi / tauF), ed = n == 0 ? 0 : Math.Exp(-isi / tauD);
            double uNew = u * ef * (1 - U) + U, rNew = r * (1 - u) * ed + 1 - ed;
            u = uNew; r = rNew;
            Assert.Equal(w * u * r, pulses[n], 1e-3);
        }
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(-10.0)]
    public void PairStdp_ChangesTheStoredWeightInAProjection(double lagMs)
    {
        double aPlus = 0.02, aMinus = 0.021, tau = 20;
        double tPre = 50, tPost = tPre + lagMs;
        var net = new Network(seed: 1);
        var pre = net.Add(new SpikeGeneratorGroup(1, [0], [tPre]));
        var post = net.Add(new SpikeGeneratorGroup(1, [0], [tPost]));
        var proj = net.Add(new Projection(pre, post, new AllToAll(), 0.5, new DeltaSynapse(1), new CurrentOutput())
        { SpikeTiming = new PairStdp(aPlus, aMinus, tau, tau) });
        using var sim = new Simulator(net, 0.1);
        sim.Run(100);
        // With the minimal delay the projection delivers a spike in the step it is emitted, so the rule sees the true lag.
        Assert.Equal(1, proj.DelaySteps);
        double lag = lagMs;
        double expected = lag >= 0 ? aPlus * Math.Exp(-lag / tau) : -aMinus * Math.Exp(lag / tau);
        Assert.Equal(0.5 + expected, proj.Weights![0], 1e-5);
    }
}
