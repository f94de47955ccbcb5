using BrainSharp.Dynamics;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Synapses;

public class SynapseKineticsTests
{
    /// <summary>Puts weight w on post neuron 0 in step 0, then records Value[0] after each of n steps.</summary>
    private static double[] Response(SynapseDynamics syn, double dt, int steps, float w)
    {
        var clock = new Clock(dt);
        var trace = new double[steps];
        syn.Reset(0);
        for (int n = 0; n < steps; n++)
        {
            if (n == 0) syn.Arrivals[0] += w;
            syn.Update(clock);
            trace[n] = syn.Value[0];
            clock.Step++;
        }
        return trace;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]   // exactness does not depend on dt
    public void DualExponential_MatchesKernelAndPeak(double dt)
    {
        double tr = 1, td = 5, w = 2;
        var syn = new DualExponentialSynapse(3, tr, td);
        var g = Response(syn, dt, (int)(40 / dt), (float)w);
        double tp = td * tr / (td - tr) * Math.Log(td / tr);           // 2.0118 ms
        Assert.Equal(2.011797390, syn.PeakTime, 1e-6);
        double f = 1 / (Math.Exp(-tp / td) - Math.Exp(-tp / tr));
        for (int n = 0; n < g.Length; n++)
        {
            double t = n * dt;
            Assert.Equal(w * f * (Math.Exp(-t / td) - Math.Exp(-t / tr)), g[n], 1e-4);
        }
        if (dt == 0.1)
        {
            int imax = Array.IndexOf(g, g.Max());
            Assert.InRange(imax * dt, tp - dt, tp + dt);
            Assert.Equal(w, g.Max(), 1e-3);                                 // normalized peak
        }
        Assert.Equal(0f, syn.Value[1]);                                  // other neurons untouched
    }

    [Fact]
    public void DualExponential_BrainPyForm()
    {
        double tr = 2, td = 10, dt = 0.1;
        var g = Response(new DualExponentialSynapse(1, tr, td, normalizePeak: false), dt, 300, 1f);
        for (int n = 0; n < g.Length; n += 7)
            Assert.Equal(td * tr / (td - tr) * (Math.Exp(-n * dt / td) - Math.Exp(-n * dt / tr)), g[n], 1e-4);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Alpha_PeaksAtTauWithClosedFormShape(bool normalize)
    {
        double tau = 3, dt = 0.1, w = 1.5;
        var g = Response(new AlphaSynapse(2, tau, normalize), dt, 400, (float)w);
        double scale = normalize ? Math.E : 1;
        for (int n = 0; n < g.Length; n++)
        {
            double t = n * dt;
            Assert.Equal(w * scale * t / tau * Math.Exp(-t / tau), g[n], 1e-5);
        }
        Assert.Equal(30, Array.IndexOf(g, g.Max()));                     // t = tau
        Assert.Equal(normalize ? w : w / Math.E, g[30], 1e-5);
    }

    [Fact]
    public void Delta_DeliversWeightOverOneStep()
    {
        var g = Response(new DeltaSynapse(1), 0.2, 3, 4f);
        Assert.Equal([20.0, 0.0, 0.0], g);                               // 4 pA ms over 0.2 ms
        Assert.Equal([4.0, 0.0, 0.0], Response(new DeltaSynapse(1, scaleByDt: false), 0.2, 3, 4f));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]   // the 0.5 ms pulse ends inside a step
    public void Ampa_SinglePulseMatchesDestexheClosedForm(double dt)
    {
        var syn = new AmpaSynapse(1, gMax: 2);
        var g = Response(syn, dt, (int)(20 / dt), 1f);
        double a = 0.98, b = 0.18, T = 0.5, dur = 0.5, k = a * T + b, rInf = a * T / k;
        double rEnd = rInf * (1 - Math.Exp(-k * dur));
        for (int n = 0; n < g.Length; n++)
        {
            double t = (n + 1) * dt;                                    // the pulse starts with step 0
            double r = t <= dur ? rInf * (1 - Math.Exp(-k * t)) : rEnd * Math.Exp(-b * (t - dur));
            Assert.Equal(2 * r, g[n], 1e-5);
        }
    }

    [Fact]
    public void GabaA_SaturatesAtSteadyStateUnderContinuousRelease()
    {
        var syn = new GabaASynapse(1);
        var clock = new Clock(0.1);
        for (int n = 0; n < 2000; n++) { syn.Arrivals[0] = 1; syn.Update(clock); }
        double rInf = 0.53 * 1.0 / (0.53 * 1.0 + 0.18);
        Assert.Equal(rInf, syn.Value[0], 1e-4);
    }

    /// <summary>Reference: RK4 with a small step on dx/dt = -x/tr, ds/dt = -s/td + a x (1 - s).</summary>
    private static double NmdaReference(double x0, double t, double tr, double td, double a)
    {
        double x = x0, s = 0, h = 0.001;
        int n = (int)Math.Round(t / h);
        (double, double) F(double xx, double ss) => (-xx / tr, -ss / td + a * xx * (1 - ss));
        for (int i = 0; i < n; i++)
        {
            var (k1x, k1s) = F(x, s);
            var (k2x, k2s) = F(x + 0.5 * h * k1x, s + 0.5 * h * k1s);
            var (k3x, k3s) = F(x + 0.5 * h * k2x, s + 0.5 * h * k2s);
            var (k4x, k4s) = F(x + h * k3x, s + h * k3s);
            x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
            s += h / 6 * (k1s + 2 * k2s + 2 * k3s + k4s);
        }
        return s;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]   // strongly saturating
    public void Nmda_MatchesReferenceIntegration(double w)
    {
        double dt = 0.1;
        var g = Response(new NmdaSynapse(1, gMax: 1), dt, 1500, (float)w);
        foreach (int n in new[] { 4, 19, 49, 199, 999, 1499 })
        {
            double s = NmdaReference(w, (n + 1) * dt, 2, 100, 0.5);
            Assert.True(Math.Abs(g[n] - s) < 2e-3 * s + 1e-6, $"step {n}: {g[n]} vs reference {s}");
        }
        Assert.True(g.Max() < 1.0);
    }

    [Fact]
    public void MagnesiumBlock_JahrStevensValues()
    {
        var o = new MagnesiumBlockOutput();
        Assert.Equal(0.024424653, o.Block(-80), 1e-8);
        Assert.Equal(0.079626369, o.Block(-60), 1e-8);
        Assert.Equal(0.230155318, o.Block(-40), 1e-8);
        Assert.Equal(0.781181619, o.Block(0), 1e-8);
        Assert.Equal(0.925018034, o.Block(20), 1e-8);
        Assert.Equal(1.0, new MagnesiumBlockOutput(magnesium: 0).Block(-80), 12);

        var post = new PassiveGroup(2);
        post.V[0] = -60; post.V[1] = 0;
        var ob = new MagnesiumBlockOutput(reversal: 10);
        ob.Apply([2f, 2f], post);
        Assert.Equal(2 * 0.079626369, post.InputConductance[0], 1e-5);
        Assert.Equal(2 * 0.079626369 * 10, post.InputCurrent[0], 1e-4);
        Assert.Equal(2 * 0.781181619, post.InputConductance[1], 1e-5);
    }

    [Fact]
    public void GapJunction_VoltageDifferenceDecaysWithCouplingRate()
    {
        // Two identical passive cells: the difference decays at (gL + 2 gc)/C, the mean at gL/C towards EL.
        double c = 200, gL = 10, gc = 5, dt = 0.005;
        var cells = new PassiveGroup(2, c, gL, -70);
        cells.V[0] = -50; cells.V[1] = -70;
        var gj = new GapJunction(cells, cells, [0], [1], gc);
        var clock = new Clock(dt);
        for (int n = 0; n < 2000; n++) { gj.Update(clock); cells.Update(clock); }
        double t = 2000 * dt;
        double diff = 20 * Math.Exp(-t * (gL + 2 * gc) / c), mean = -70 + 10 * Math.Exp(-t * gL / c);
        Assert.Equal(diff, cells.V[0] - cells.V[1], 1e-2);
        Assert.Equal(mean, 0.5 * (cells.V[0] + cells.V[1]), 1e-2);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GapJunction(cells, cells, [0], [2], gc));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GapJunction(cells, cells, [0], [1], -1.0));
    }

    [Fact]
    public void Validation_NamesModelParameterAndValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DualExponentialSynapse(1, tauRise: -1));
        Assert.Contains("DualExponentialSynapse", e.Message); Assert.Contains("tauRise", e.Message); Assert.Contains("-1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DualExponentialSynapse(1, tauRise: 5, tauDecay: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaSynapse(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmpaSynapse(1, beta: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NmdaSynapse(1, tauDecay: -100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MagnesiumBlockOutput(magnesium: -1));
    }

    [Fact]
    public void BatchedStatesAreIndependent()
    {
        var syn = new DualExponentialSynapse(2, batch: 3);
        var clock = new Clock(0.1);
        syn.Arrivals[5] = 1;  // batch 2, neuron 1
        for (int n = 0; n < 20; n++) syn.Update(clock);
        for (int i = 0; i < 5; i++) Assert.Equal(0f, syn.Value[i]);
        Assert.True(syn.Value[5] > 0.5f);
    }
}
