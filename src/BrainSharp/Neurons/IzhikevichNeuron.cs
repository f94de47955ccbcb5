// Izhikevich simple spiking neuron.
//
//   dv/dt = 0.04 v^2 + 5 v + 140 - u + I          (v in mV, t in ms)
//   du/dt = a (b v - u)
//   if v >= V_peak: v <- c, u <- u + d
//   I = BiasCurrent + InputCurrent - InputConductance * v
//
// Units are the paper's normalized ones: the coefficients 0.04, 5, 140 make dv/dt in mV/ms, so I (and u) are in mV/ms,
// not pA; InputConductance is then in 1/ms. Multiply a pA current by 1/C (C ~ 100 pF gives 0.01) before writing it.
//
// Parameters (IzhikevichParams; defaults = regular spiking): a 0.02 /ms, b 0.2, c -65 mV, d 8, V_peak 30 mV, bias 0,
// v(0) -65 mV, u(0) = b v(0). Presets: RegularSpiking, IntrinsicallyBursting, Chattering, FastSpiking, LowThresholdSpiking
// (Fig. 2 of the paper). Default integrator: Euler (as the paper); any OdeMethod may be chosen.
//
// Source: Izhikevich E.M. (2003) Simple model of spiking neurons. IEEE Trans Neural Netw 14:1569-1572.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Izhikevich (2003) simple spiking neuron in the paper's normalized units; see the file header.</summary>
public sealed class IzhikevichNeuron : OdeNeuronGroup<IzhikevichParams>
{
    private const string Model = nameof(IzhikevichNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element (default regular spiking).</summary>
    public IzhikevichNeuron(int size, IzhikevichParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.Euler)
        : base(Model, size, batch, parameters ?? IzhikevichParams.RegularSpiking, method)
    {
        AddState("v", "mV", V);
        U = AddState("u", "mV/ms");
        Reset(0);
    }

    /// <summary>Recovery variable u, mV/ms.</summary>
    public float[] U { get; }

    /// <summary>v = VInit, u = b v; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.VInit);
        Array.Fill(U, (float)(Parameters.B * Parameters.VInit));
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T;
        var sys = new Rhs { A = p.A, B = p.B };
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
                y[0] = p.C; y[1] += p.D;
                spikes[count++] = i;
            }
            v[i] = (float)y[0]; u[i] = (float)y[1];
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public double A, B, I, G;
        public readonly int Dimension => 2;

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            double v = y[0];
            d[0] = 0.04 * v * v + 5 * v + 140 - y[1] + I - G * v;
            d[1] = A * (B * v - y[1]);
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            // v is quadratic in itself: linearize at the current v (BrainPy exp_auto); u is linear.
            double v = y[0];
            b[0] = 0.08 * v + 5 - G;
            a[0] = 0.04 * v * v + 5 * v + 140 - y[1] + I - G * v - b[0] * v;
            a[1] = A * B * v; b[1] = -A;
        }
    }
}
