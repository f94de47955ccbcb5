using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

public class TraubMilesNeuronTests
{
    /// <summary>The COBAHH equations written out again, independently of the library model, for a float64 RK45 solve.</summary>
    private struct Reference : IOdeSystem
    {
        public double I, EL;
        public readonly int Dimension => 4;
        private static double Exprel(double x) => Math.Abs(x) < 1e-9 ? 1 + x / 2 : (Math.Exp(x) - 1) / x;
        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            // area 20000 um^2 = 2e-4 cm^2: C = 200 pF, gNa = 20000 nS, gKd = 6000 nS, gL = 10 nS.
            const double C = 200, gNa = 20000, gK = 6000, gL = 10, ENa = 50, EK = -90, VT = -63;
            double v = y[0], m = y[1], h = y[2], n = y[3];
            double am = 0.32 * 4 / Exprel((13 - v + VT) / 4), bm = 0.28 * 5 / Exprel((v - VT - 40) / 5);
            double ah = 0.128 * Math.Exp((17 - v + VT) / 18), bh = 4 / (1 + Math.Exp((40 - v + VT) / 5));
            double an = 0.032 * 5 / Exprel((15 - v + VT) / 5), bn = 0.5 * Math.Exp((10 - v + VT) / 40);
            d[0] = (gL * (EL - v) - gNa * m * m * m * h * (v - ENa) - gK * n * n * n * n * (v - EK) + I) / C;
            d[1] = am * (1 - m) - bm * m;
            d[2] = ah * (1 - h) - bh * h;
            d[3] = an * (1 - n) - bn * n;
        }
    }

    private static (List<double> spikes, double[] v) ReferenceRun(double current, double tEnd, double dtOut, double[] y0, double el = -60)
    {
        var sys = new Reference { I = current, EL = el };
        int n = (int)Math.Round(tEnd / dtOut);
        var tOut = new double[n];
        for (int i = 0; i < n; i++) tOut[i] = (i + 1) * dtOut;
        var yOut = new double[4 * n];
        new DormandPrince45(1e-10, 1e-10, maxStep: 0.05).Integrate(ref sys, 0, y0.ToArray(), tOut, yOut);
        var spikes = new List<double>();
        var v = new double[n];
        double prev = y0[0];
        for (int i = 0; i < n; i++)
        {
            v[i] = yOut[4 * i];
            // Brian2 convention: the spike carries the start time of the step in which v crossed -20 mV.
            if (prev <= -20 && v[i] > -20) spikes.Add(i * dtOut);
            prev = v[i];
        }
        return (spikes, v);
    }

    private static double[] InitialState(TraubMilesNeuron g) => [g.V[0], g.M[0], g.H[0], g.N[0]];

    [Fact]
    public void DerivedConductancesMatchCobahh()
    {
        var p = TraubMilesParams.Cobahh;
        Assert.Equal(200, p.Cm, 9);
        Assert.Equal(20000, p.GNa, 6);
        Assert.Equal(6000, p.GKd, 6);
        Assert.Equal(10, p.GL, 9);
        Assert.Equal(-65, TraubMilesParams.HhTutorial.EL);
    }

    [Fact]
    public void HhTutorialCell_RestsWithoutInput_AtReferenceRestingPotential()
    {
        var g = new TraubMilesNeuron(1, TraubMilesParams.HhTutorial);
        var (refSpikes, vRef) = ReferenceRun(0, 300, 0.1, InitialState(g), el: -65);
        var trace = new List<float>();
        var spikes = NeuronTestUtil.Run(g, 0.1, 300, _ => 0, trace: trace);
        Assert.Empty(refSpikes);
        Assert.Empty(spikes);
        // Steady state of the float64 reference (-64.77 mV); the group must sit there, still.
        Assert.Equal(vRef[^1], trace[^1], 0.02);
        Assert.True(Math.Abs(trace[^1] - trace[^500]) < 1e-3);
        Assert.InRange(trace[^1], -65.5, -64.0);
    }

    [Fact]
    public void CobahhCell_FiresSpontaneously_AsReference()
    {
        // With E_L = -60 mV and V_T = -63 mV the isolated COBAHH cell is tonically active (about 14 Hz in the reference).
        var g = new TraubMilesNeuron(1, method: OdeMethod.RungeKutta4);
        var (refSpikes, _) = ReferenceRun(0, 300, 0.01, InitialState(g));
        var spikes = NeuronTestUtil.Run(g, 0.01, 300, _ => 0);
        Assert.InRange(refSpikes.Count, 4, 6);
        Assert.Equal(refSpikes.Count, spikes.Count);
        for (int i = 0; i < spikes.Count; i++) Assert.True(Math.Abs(spikes[i] - refSpikes[i]) <= 0.05, $"spike {i}: {spikes[i]} vs {refSpikes[i]}");
    }

    [Fact]
    public void Rk4_SpikeTrainMatchesFloat64Rk45Reference()
    {
        const double current = 1000; // pA, 1 nA step
        var g = new TraubMilesNeuron(1, method: OdeMethod.RungeKutta4);
        var (refSpikes, _) = ReferenceRun(current, 100, 0.01, InitialState(g));
        var trace = new List<float>();
        var spikes = NeuronTestUtil.Run(g, 0.01, 100, _ => current, trace: trace);
        Assert.True(refSpikes.Count >= 10, $"reference fired {refSpikes.Count} spikes");
        Assert.Equal(refSpikes.Count, spikes.Count);
        for (int i = 0; i < spikes.Count; i++)
            Assert.True(Math.Abs(spikes[i] - refSpikes[i]) <= 0.02 + 1e-9, $"spike {i}: {spikes[i]} vs reference {refSpikes[i]}");
        Assert.InRange(trace.Max(), 20f, 60f); // Na spike overshoots well above 0 mV, below E_Na
    }

    [Fact]
    public void ExponentialEuler_InterspikeIntervalConvergesAtFirstOrder()
    {
        // Exponential Euler (the COBAHH default) is first order: the ISI error against the RK45 reference halves with dt.
        const double current = 1000;
        var g0 = new TraubMilesNeuron(1);
        var (refSpikes, _) = ReferenceRun(current, 100, 0.001, InitialState(g0));
        double refIsi = (refSpikes[^1] - refSpikes[1]) / (refSpikes.Count - 2);
        var err = new List<double>();
        foreach (double dt in new[] { 0.1, 0.05, 0.025, 0.0125 })
        {
            var spikes = NeuronTestUtil.Run(new TraubMilesNeuron(1), dt, 100, _ => current);
            double isi = (spikes[^1] - spikes[1]) / (spikes.Count - 2);
            err.Add(Math.Abs(isi - refIsi) / refIsi);
        }
        for (int i = 1; i < err.Count; i++) Assert.InRange(err[i - 1] / err[i], 1.6, 2.5);
        Assert.True(err[^1] < 0.02, $"ISI error at dt 0.0125 ms: {err[^1]}");
    }

    [Fact]
    public void Refractory_SuppressesDetectionButNotDynamics()
    {
        // With a refractory period longer than the ISI, every second crossing is ignored while v still spikes.
        var fast = new TraubMilesNeuron(1);
        var isi = NeuronTestUtil.Isis(NeuronTestUtil.Run(fast, 0.05, 200, _ => 2000)).Skip(2).Average();
        var slow = new TraubMilesNeuron(1, TraubMilesParams.Cobahh with { Refractory = 1.5 * isi });
        var s1 = NeuronTestUtil.Run(slow, 0.05, 200, _ => 2000);
        var isi2 = NeuronTestUtil.Isis(s1).Skip(2).Average();
        Assert.InRange(isi2 / isi, 1.9, 2.1);
    }

    [Fact]
    public void Brian2ThresholdRule_FiresEveryRefractoryPeriodWhileAbove()
    {
        // Held far above -20 mV: Brian2's 'v > -20 mV' with 3 ms refractoriness fires at steps k, k+30, k+60, ...;
        // the default crossing rule fires once.
        static List<double> Held(TraubMilesParams p) => NeuronTestUtil.Run(new TraubMilesNeuron(1, p), 0.1, 30, _ => 1e6);
        var level = Held(TraubMilesParams.Cobahh with { SpikeWhileAboveThreshold = true });
        Assert.Single(Held(TraubMilesParams.Cobahh));
        Assert.True(level.Count >= 9);
        foreach (double isi in NeuronTestUtil.Isis(level)) Assert.Equal(3.0, isi, 1e-9);
        Assert.Throws<ArgumentException>(() => new TraubMilesNeuron(1, TraubMilesParams.Cobahh with { SpikeWhileAboveThreshold = true, Refractory = 0 }));
    }

    [Fact]
    public void ConductanceInput_DrivesTowardReversal()
    {
        // A large shunting conductance to E = -80 mV pulls v to the weighted mean of E_L-side currents and -80.
        var g = new TraubMilesNeuron(2, TraubMilesParams.HhTutorial);
        var clock = new Clock(0.1);
        for (int s = 0; s < 2000; s++)
        {
            clock.Step = s;
            g.InputConductance[1] = 1000;          // nS
            g.InputCurrent[1] = 1000f * -80f;      // g * E
            g.Update(clock);
        }
        Assert.InRange(g.V[1], -80.5f, -78.5f);
        Assert.Equal(0f, g.InputConductance[1]);   // consumed and cleared
        Assert.InRange(g.V[0], -65.5f, -64f);
    }

    [Fact]
    public void BadParameters_Throw()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TraubMilesNeuron(1, TraubMilesParams.Cobahh with { AreaUm2 = -1 }));
        Assert.Contains("TraubMilesNeuron", e.Message);
        Assert.Contains("AreaUm2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraubMilesNeuron(1, TraubMilesParams.Cobahh with { GNaDensity = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraubMilesNeuron(1, TraubMilesParams.Cobahh with { Refractory = -3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraubMilesNeuron(1, method: (OdeMethod)42));
    }
}
