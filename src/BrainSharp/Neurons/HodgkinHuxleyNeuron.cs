// Hodgkin-Huxley (1952) squid giant axon, voltage shifted so that rest is at -65 mV (the modern convention of
// NEST's hh_psc_alpha, BrainPy's HH and Dayan & Abbott).
//
//   C dv/dt = -g_Na m^3 h (v - E_Na) - g_K n^4 (v - E_K) - g_L (v - E_L) + I
//   dx/dt = alpha_x (1 - x) - beta_x x,  x in {m, h, n}        (v in mV, rates in 1/ms)
//   alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40)/10))     beta_m = 4 exp(-(v + 65)/18)
//   alpha_h = 0.07 exp(-(v + 65)/20)                      beta_h = 1 / (1 + exp(-(v + 35)/10))
//   alpha_n = 0.01 (v + 55) / (1 - exp(-(v + 55)/10))     beta_n = 0.125 exp(-(v + 65)/80)
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, nS)
//   spike: upward crossing of SpikeThreshold outside the refractory period (no reset)
//
// Parameters (HodgkinHuxleyParams; NEST hh_psc_alpha defaults, i.e. the 1952 densities on 1e-4 cm^2): C 100 pF,
// g_Na 12000 nS, g_K 3600 nS, g_L 30 nS, E_Na 50 mV, E_K -77 mV, E_L -54.387 mV, threshold 0 mV, refractory 0 ms.
// Published behaviour: rest near -65 mV; a brief suprathreshold pulse gives an action potential peaking near +40 mV
// followed by an afterhyperpolarization below rest. Default integrator: exponential Euler (Brian2/BrainPy practice).
//
// Source: Hodgkin A.L. & Huxley A.F. (1952) A quantitative description of membrane current and its application to
// conduction and excitation in nerve. J Physiol 117:500-544.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Hodgkin-Huxley (1952) neuron with rest at -65 mV; see the file header.</summary>
public sealed class HodgkinHuxleyNeuron : OdeNeuronGroup<HodgkinHuxleyParams>
{
    private const string Model = nameof(HodgkinHuxleyNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element.</summary>
    public HodgkinHuxleyNeuron(int size, HodgkinHuxleyParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.ExponentialEuler)
        : base(Model, size, batch, parameters ?? new HodgkinHuxleyParams(), method)
    {
        AddState("v", "mV", V);
        M = AddState("m", "1");
        H = AddState("h", "1");
        N = AddState("n", "1");
        RefractoryCountdown = AddState("refractory_steps", "1");
        Reset(0);
    }

    /// <summary>Sodium activation gate.</summary>
    public float[] M { get; }
    /// <summary>Sodium inactivation gate.</summary>
    public float[] H { get; }
    /// <summary>Potassium activation gate.</summary>
    public float[] N { get; }
    /// <summary>Steps left in which no spike is detected.</summary>
    public float[] RefractoryCountdown { get; }

    /// <summary>v = -65 mV with gates at their steady states there; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        const double v0 = -65;
        Rates(v0, out double am, out double bm, out double ah, out double bh, out double an, out double bn);
        Array.Fill(V, (float)v0);
        Array.Fill(M, (float)(am / (am + bm)));
        Array.Fill(H, (float)(ah / (ah + bh)));
        Array.Fill(N, (float)(an / (an + bn)));
        Array.Clear(RefractoryCountdown);
    }

    internal static void Rates(double v, out double am, out double bm, out double ah, out double bh, out double an, out double bn)
    {
        am = 1.0 / ExponentialEuler.Phi1(-(v + 40) / 10);   // 0.1 (v+40) / (1 - exp(-(v+40)/10))
        bm = 4.0 * Math.Exp(-(v + 65) / 18);
        ah = 0.07 * Math.Exp(-(v + 65) / 20);
        bh = 1.0 / (1.0 + Math.Exp(-(v + 35) / 10));
        an = 0.1 / ExponentialEuler.Phi1(-(v + 55) / 10);   // 0.01 (v+55) / (1 - exp(-(v+55)/10))
        bn = 0.125 * Math.Exp(-(v + 65) / 80);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T, th = p.SpikeThreshold;
        int refSteps = ParameterCheck.RefractorySteps(p.Refractory, dt);
        var sys = new Rhs { C = p.C, GNa = p.GNa, GK = p.GK, GL = p.GL, ENa = p.ENa, EK = p.EK, EL = p.EL };
        Span<double> y = stackalloc double[4];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(4)];
        float[] v = V, m = M, h = H, nn = N, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            double vOld = v[i];
            y[0] = vOld; y[1] = m[i]; y[2] = h[i]; y[3] = nn[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            v[i] = (float)y[0]; m[i] = (float)y[1]; h[i] = (float)y[2]; nn[i] = (float)y[3];
            bool refractory = cnt[i] > 0;
            if (refractory) cnt[i]--;
            if (!refractory && y[0] > th && vOld <= th)
            {
                spikes[count++] = i;
                cnt[i] = Math.Max(0, refSteps - 1);
            }
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public double C, GNa, GK, GL, ENa, EK, EL, I, G;
        public readonly int Dimension => 4;

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            double v = y[0], m = y[1], h = y[2], n = y[3];
            Rates(v, out double am, out double bm, out double ah, out double bh, out double an, out double bn);
            double gna = GNa * m * m * m * h, n2 = n * n, gk = GK * n2 * n2;
            a[0] = (GL * EL + gna * ENa + gk * EK + I) / C;
            b[0] = -(GL + gna + gk + G) / C;
            a[1] = am; b[1] = -(am + bm);
            a[2] = ah; b[2] = -(ah + bh);
            a[3] = an; b[3] = -(an + bn);
        }

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            Span<double> a = stackalloc double[4], b = stackalloc double[4];
            LinearSplit(t, y, a, b);
            for (int i = 0; i < 4; i++) d[i] = a[i] + b[i] * y[i];
        }
    }
}
