// Wang-Buzsaki (1996) fast-spiking hippocampal interneuron.
//
//   C dv/dt = -g_Na m_inf^3 h (v - E_Na) - g_K n^4 (v - E_K) - g_L (v - E_L) + I
//   dh/dt = phi (alpha_h (1 - h) - beta_h h),   dn/dt = phi (alpha_n (1 - n) - beta_n n)
//   m_inf = alpha_m / (alpha_m + beta_m)   (instantaneous activation)
//   alpha_m = 0.1 (v + 35) / (1 - exp(-(v + 35)/10))     beta_m = 4 exp(-(v + 60)/18)
//   alpha_h = 0.07 exp(-(v + 58)/20)                      beta_h = 1 / (1 + exp(-(v + 28)/10))
//   alpha_n = 0.01 (v + 34) / (1 - exp(-(v + 34)/10))     beta_n = 0.125 exp(-(v + 44)/80)
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, nS); spike: upward crossing of SpikeThreshold
//
// Parameters (WangBuzsakiParams; the paper's densities on 1e-4 cm^2): C 100 pF, g_Na 3500 nS, g_K 900 nS, g_L 10 nS,
// E_Na 55 mV, E_K -90 mV, E_L -65 mV, phi 5, threshold 0 mV, refractory 0 ms. Type-I excitability: the firing rate
// rises continuously from zero at rheobase. Default integrator: exponential Euler.
//
// Source: Wang X.-J. & Buzsaki G. (1996) Gamma oscillation by synaptic inhibition in a hippocampal interneuronal
// network model. J Neurosci 16:6402-6413.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Wang-Buzsaki (1996) interneuron; see the file header.</summary>
public sealed class WangBuzsakiNeuron : OdeNeuronGroup<WangBuzsakiParams>
{
    private const string Model = nameof(WangBuzsakiNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element.</summary>
    public WangBuzsakiNeuron(int size, WangBuzsakiParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.ExponentialEuler)
        : base(Model, size, batch, parameters ?? new WangBuzsakiParams(), method)
    {
        AddState("v", "mV", V);
        H = AddState("h", "1");
        N = AddState("n", "1");
        RefractoryCountdown = AddState("refractory_steps", "1");
        Reset(0);
    }

    /// <summary>Sodium inactivation gate.</summary>
    public float[] H { get; }
    /// <summary>Potassium activation gate.</summary>
    public float[] N { get; }
    /// <summary>Steps left in which no spike is detected.</summary>
    public float[] RefractoryCountdown { get; }

    /// <summary>v = E_L with gates at their steady states there; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        double v0 = Parameters.EL;
        Rates(v0, out _, out _, out double ah, out double bh, out double an, out double bn);
        Array.Fill(V, (float)v0);
        Array.Fill(H, (float)(ah / (ah + bh)));
        Array.Fill(N, (float)(an / (an + bn)));
        Array.Clear(RefractoryCountdown);
    }

    private static void Rates(double v, out double am, out double bm, out double ah, out double bh, out double an, out double bn)
    {
        am = 1.0 / ExponentialEuler.Phi1(-(v + 35) / 10);
        bm = 4.0 * Math.Exp(-(v + 60) / 18);
        ah = 0.07 * Math.Exp(-(v + 58) / 20);
        bh = 1.0 / (1.0 + Math.Exp(-(v + 28) / 10));
        an = 0.1 / ExponentialEuler.Phi1(-(v + 34) / 10);
        bn = 0.125 * Math.Exp(-(v + 44) / 80);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T, th = p.SpikeThreshold;
        int refSteps = ParameterCheck.RefractorySteps(p.Refractory, dt);
        var sys = new Rhs { C = p.C, GNa = p.GNa, GK = p.GK, GL = p.GL, ENa = p.ENa, EK = p.EK, EL = p.EL, Phi = p.Phi };
        Span<double> y = stackalloc double[3];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(3)];
        float[] v = V, h = H, nn = N, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            double vOld = v[i];
            y[0] = vOld; y[1] = h[i]; y[2] = nn[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            v[i] = (float)y[0]; h[i] = (float)y[1]; nn[i] = (float)y[2];
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
        public double C, GNa, GK, GL, ENa, EK, EL, Phi, I, G;
        public readonly int Dimension => 3;

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            double v = y[0], h = y[1], n = y[2];
            Rates(v, out double am, out double bm, out double ah, out double bh, out double an, out double bn);
            double mInf = am / (am + bm);
            double gna = GNa * mInf * mInf * mInf * h, n2 = n * n, gk = GK * n2 * n2;
            a[0] = (GL * EL + gna * ENa + gk * EK + I) / C;
            b[0] = -(GL + gna + gk + G) / C;
            a[1] = Phi * ah; b[1] = -Phi * (ah + bh);
            a[2] = Phi * an; b[2] = -Phi * (an + bn);
        }

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            Span<double> a = stackalloc double[3], b = stackalloc double[3];
            LinearSplit(t, y, a, b);
            for (int i = 0; i < 3; i++) d[i] = a[i] + b[i] * y[i];
        }
    }
}
