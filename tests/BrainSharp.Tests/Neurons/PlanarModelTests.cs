using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

public class PlanarModelTests
{
    private static double Bisect(Func<double, double> f, double a, double b)
    {
        for (int i = 0; i < 200; i++) { double m = 0.5 * (a + b); if (f(a) * f(m) <= 0) b = m; else a = m; }
        return 0.5 * (a + b);
    }

    [Fact]
    public void FitzHughNagumo_FixedPointAndOscillationWindow()
    {
        // I = 0: unique rest point where v - v^3/3 - (v + a)/b = 0 (w on its nullcline), about (-1.199, -0.624).
        var p = new FitzHughNagumoParams();
        double v0 = Bisect(v => v - v * v * v / 3 - (v + p.A) / p.B, -3, 3);
        var g = new FitzHughNagumoNeuron(1);
        var spikes = NeuronTestUtil.Run(g, 0.1, 1000, _ => 0);
        Assert.Empty(spikes);
        Assert.Equal(v0, g.V[0], 1e-3);
        Assert.Equal((v0 + p.A) / p.B, g.W[0], 1e-3);
        // The rest point is unstable for I roughly in (0.33, 1.42): tonic oscillation at I = 0.5, quiescence at I = 2.
        Assert.True(NeuronTestUtil.Run(new FitzHughNagumoNeuron(1), 0.1, 1000, _ => 0.5).Count > 15);
        Assert.True(NeuronTestUtil.Run(new FitzHughNagumoNeuron(1), 0.1, 1000, _ => 2.0).Count <= 1);
    }

    [Fact]
    public void HindmarshRose_BurstsAtI2()
    {
        var isi = NeuronTestUtil.Isis(NeuronTestUtil.Run(new HindmarshRoseNeuron(1), 0.05, 3000, _ => 2.0)).Skip(8).ToList();
        var pauses = isi.Where(x => x > 60).Count();
        Assert.True(pauses >= 5, $"{pauses} inter-burst pauses");
        Assert.True(isi.Count(x => x < 40) >= pauses, "at least two spikes per burst");
        // Without the slow variable (r -> tiny, z frozen at 0) the same drive fires tonically: the bursts come from z.
        var tonic = NeuronTestUtil.Isis(NeuronTestUtil.Run(new HindmarshRoseNeuron(1, new HindmarshRoseParams { R = 1e-9 }), 0.05, 1000, _ => 2.0)).Skip(3).ToList();
        Assert.True(tonic.Max() - tonic.Min() < 0.5, "tonic without adaptation");
    }

    [Fact]
    public void Izhikevich_RestingPointIsFixedPointOfEquations()
    {
        // Without input, v* solves 0.04 v^2 + (5 - b) v + 140 = 0 (u* = b v*), the lower root -70 mV for b = 0.2.
        var p = IzhikevichParams.RegularSpiking;
        double disc = (5 - p.B) * (5 - p.B) - 4 * 0.04 * 140;
        double vStar = (-(5 - p.B) - Math.Sqrt(disc)) / (2 * 0.04);
        var g = new IzhikevichNeuron(1, p);
        NeuronTestUtil.Run(g, 0.1, 2000, _ => 0);
        Assert.Equal(vStar, g.V[0], 1e-2);
        Assert.Equal(p.B * vStar, g.U[0], 1e-2);
    }
}
