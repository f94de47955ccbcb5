// Generalized integrate-and-fire neuron of Mihalas & Niebur (2009): linear dynamics with a moving threshold and two
// spike-induced currents, which between them reproduce 20 of Izhikevich's firing patterns.
//
//   tau dV/dt = -(V - E_L) + R (I + I_1 + I_2)
//   dTheta/dt = a (V - E_L) - b (Theta - Theta_inf)
//   dI_j/dt = -k_j I_j
//   if V > Theta: I_j <- R_j I_j + A_j, V <- V_reset, Theta <- max(Theta_reset, Theta)
//   I = BiasCurrent + InputCurrent - InputConductance * V   (pA, nS; R in GOhm)
//
// Parameters (GifParams; the paper's Table 1 with currents in pA and R = 0.02 GOhm, i.e. G = 0.05/ms, C = 1):
// tau 20 ms, R 0.02 GOhm, E_L -70 mV, V_reset -70 mV, Theta_inf -50 mV, Theta_reset -60 mV, a 0 /ms, b 0.01 /ms,
// k_1 0.2 /ms, k_2 0.02 /ms, R_1 0, R_2 1, A_1 0 pA, A_2 0 pA. Presets TonicSpiking, Adaptation, TonicBursting.
// Default integrator: exponential Euler (every equation is linear in its own variable; exact for constant currents).
//
// Source: Mihalas S. & Niebur E. (2009) A generalized linear integrate-and-fire neural model produces diverse spiking
// behaviors. Neural Comput 21:704-718.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Generalized integrate-and-fire neuron (Mihalas &amp; Niebur 2009); see the file header.</summary>
public sealed class GifNeuron : OdeNeuronGroup<GifParams>
{
    private const string Model = nameof(GifNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element.</summary>
    public GifNeuron(int size, GifParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.ExponentialEuler)
        : base(Model, size, batch, parameters ?? GifParams.TonicSpiking, method)
    {
        AddState("v", "mV", V);
        Theta = AddState("theta", "mV");
        I1 = AddState("i1", "pA");
        I2 = AddState("i2", "pA");
        Reset(0);
    }

    /// <summary>Adaptive threshold Theta, mV.</summary>
    public float[] Theta { get; }
    /// <summary>Spike-induced current 1, pA.</summary>
    public float[] I1 { get; }
    /// <summary>Spike-induced current 2, pA.</summary>
    public float[] I2 { get; }

    /// <summary>V = E_L, Theta = Theta_inf, I_1 = I_2 = 0; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.EL);
        Array.Fill(Theta, (float)Parameters.ThetaInf);
        Array.Clear(I1); Array.Clear(I2);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T;
        var sys = new Rhs { P = p };
        Span<double> y = stackalloc double[4];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(4)];
        float[] v = V, th = Theta, i1 = I1, i2 = I2, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            y[0] = v[i]; y[1] = th[i]; y[2] = i1[i]; y[3] = i2[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            if (y[0] > y[1])
            {
                y[2] = p.R1 * y[2] + p.A1;
                y[3] = p.R2 * y[3] + p.A2;
                y[0] = p.VReset;
                y[1] = Math.Max(p.ThetaReset, y[1]);
                spikes[count++] = i;
            }
            v[i] = (float)y[0]; th[i] = (float)y[1]; i1[i] = (float)y[2]; i2[i] = (float)y[3];
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public GifParams P;
        public double I, G;
        public readonly int Dimension => 4;

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            var p = P;
            a[0] = (p.EL + p.R * (I + y[2] + y[3])) / p.Tau; b[0] = -(1 + p.R * G) / p.Tau;
            a[1] = p.A * (y[0] - p.EL) + p.B * p.ThetaInf; b[1] = -p.B;
            a[2] = 0; b[2] = -p.K1;
            a[3] = 0; b[3] = -p.K2;
        }

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            Span<double> a = stackalloc double[4], b = stackalloc double[4];
            LinearSplit(t, y, a, b);
            for (int i = 0; i < 4; i++) d[i] = a[i] + b[i] * y[i];
        }
    }
}
