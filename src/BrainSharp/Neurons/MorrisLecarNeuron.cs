// Morris-Lecar neuron (barnacle muscle fibre; two-dimensional reduction with instantaneous calcium activation).
//
//   C dv/dt = -g_Ca m_inf(v) (v - E_Ca) - g_K w (v - E_K) - g_L (v - E_L) + I
//   dw/dt = phi (w_inf(v) - w) / tau_w(v)
//   m_inf = (1 + tanh((v - V1)/V2))/2,  w_inf = (1 + tanh((v - V3)/V4))/2,  tau_w = 1 / cosh((v - V3)/(2 V4))
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, nS); spike: upward crossing of SpikeThreshold
//
// Parameters (MorrisLecarParams; Rinzel & Ermentrout 1989 Hopf set, per-cm^2 values times 1e-4 cm^2): C 2000 pF,
// g_Ca 440 nS, g_K 800 nS, g_L 200 nS, E_Ca 120 mV, E_K -84 mV, E_L -60 mV, V1 -1.2, V2 18, V3 2, V4 30 mV,
// phi 0.04 /ms, threshold 0 mV. With this set the model is class II: oscillations start at a nonzero frequency.
// Default integrator: exponential Euler (v linear given m_inf frozen at the step start; w exact given v).
//
// Sources: Morris C. & Lecar H. (1981) Voltage oscillations in the barnacle giant muscle fiber. Biophys J 35:193-213;
// Rinzel J. & Ermentrout G.B. (1989) Analysis of neural excitability and oscillations, in Methods in Neuronal Modeling.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Morris-Lecar neuron; see the file header.</summary>
public sealed class MorrisLecarNeuron : OdeNeuronGroup<MorrisLecarParams>
{
    private const string Model = nameof(MorrisLecarNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element.</summary>
    public MorrisLecarNeuron(int size, MorrisLecarParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.ExponentialEuler)
        : base(Model, size, batch, parameters ?? new MorrisLecarParams(), method)
    {
        AddState("v", "mV", V);
        W = AddState("w", "1");
        Reset(0);
    }

    /// <summary>Potassium activation w.</summary>
    public float[] W { get; }

    /// <summary>v = E_L, w = w_inf(E_L); deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        var p = Parameters;
        Array.Fill(V, (float)p.EL);
        Array.Fill(W, (float)(0.5 * (1 + Math.Tanh((p.EL - p.V3) / p.V4))));
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T, th = p.SpikeThreshold;
        var sys = new Rhs { P = p };
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        float[] v = V, w = W, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            double vOld = v[i];
            y[0] = vOld; y[1] = w[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            v[i] = (float)y[0]; w[i] = (float)y[1];
            if (y[0] > th && vOld <= th) spikes[count++] = i;
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public MorrisLecarParams P;
        public double I, G;
        public readonly int Dimension => 2;

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            var p = P;
            double v = y[0], w = y[1];
            double mInf = 0.5 * (1 + Math.Tanh((v - p.V1) / p.V2));
            double x = (v - p.V3) / p.V4;
            double wInf = 0.5 * (1 + Math.Tanh(x)), rate = p.Phi * Math.Cosh(0.5 * x);
            double gca = p.GCa * mInf, gk = p.GK * w;
            a[0] = (gca * p.ECa + gk * p.EK + p.GL * p.EL + I) / p.C;
            b[0] = -(gca + gk + p.GL + G) / p.C;
            a[1] = rate * wInf; b[1] = -rate;
        }

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            Span<double> a = stackalloc double[2], b = stackalloc double[2];
            LinearSplit(t, y, a, b);
            d[0] = a[0] + b[0] * y[0]; d[1] = a[1] + b[1] * y[1];
        }
    }
}
