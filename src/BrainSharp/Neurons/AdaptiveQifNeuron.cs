// Adaptive quadratic integrate-and-fire neuron: Izhikevich's simple model in physical units.
//
//   C dv/dt = k (v - v_r)(v - v_t) - u + I
//   du/dt   = a (b (v - v_r) - u)
//   if v >= v_peak: v <- c, u <- u + d
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, nS)
//
// Parameters (AdaptiveQifParams; defaults = regular spiking pyramidal cell, Izhikevich 2007 ch. 8): C 100 pF,
// k 0.7 nS/mV, v_r -60 mV, v_t -40 mV, v_peak 35 mV, a 0.03 /ms, b -2 nS, c -50 mV, d 100 pA, bias 0 pA.
// Rheobase (k (v_t - v_r) + b)^2 / (4 k) = 51.4 pA for the defaults. Default integrator: RK4.
//
// Source: Izhikevich E.M. (2007) Dynamical Systems in Neuroscience, MIT Press, ch. 8 (eq. 8.5-8.6);
// Izhikevich E.M. (2003) IEEE Trans Neural Netw 14:1569.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Adaptive QIF neuron (Izhikevich 2007 simple model, pF/nS/pA units); see the file header.</summary>
public sealed class AdaptiveQifNeuron : OdeNeuronGroup<AdaptiveQifParams>
{
    private const string Model = nameof(AdaptiveQifNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element (default regular spiking).</summary>
    public AdaptiveQifNeuron(int size, AdaptiveQifParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.RungeKutta4)
        : base(Model, size, batch, parameters ?? AdaptiveQifParams.RegularSpiking, method)
    {
        AddState("v", "mV", V);
        U = AddState("u", "pA");
        Reset(0);
    }

    /// <summary>Recovery current u, pA.</summary>
    public float[] U { get; }

    /// <summary>v = v_r, u = 0; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.VRest);
        Array.Clear(U);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T;
        var sys = new Rhs { C = p.C, K = p.K, Vr = p.VRest, Vt = p.VThreshold, A = p.A, B = p.B };
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        float[] v = V, u = U, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            y[0] = v[i]; y[1] = u[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            if (y[0] >= p.VPeak)
            {
                y[0] = p.VReset; y[1] += p.D;
                spikes[count++] = i;
            }
            v[i] = (float)y[0]; u[i] = (float)y[1];
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public double C, K, Vr, Vt, A, B, I, G;
        public readonly int Dimension => 2;

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            double v = y[0];
            d[0] = (K * (v - Vr) * (v - Vt) - y[1] + I - G * v) / C;
            d[1] = A * (B * (v - Vr) - y[1]);
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            double v = y[0];
            double f = (K * (v - Vr) * (v - Vt) - y[1] + I - G * v) / C;
            b[0] = (K * (2 * v - Vr - Vt) - G) / C;
            a[0] = f - b[0] * v;
            a[1] = A * B * (v - Vr); b[1] = -A;
        }
    }
}
