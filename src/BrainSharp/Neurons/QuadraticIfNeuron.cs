// Quadratic integrate-and-fire neuron (QIF, the normal form of a saddle-node on invariant circle).
//
//   tau dv/dt = a_0 (v - V_rest)(v - V_c) + R I
//   if v > V_peak: v <- V_reset, clamped there for the refractory period
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, nS; R in GOhm so R I is in mV)
//
// Parameters (QuadraticIfParams; defaults as BrainPy's QuadraticIF): tau 10 ms, a_0 0.07 /mV, V_rest -65 mV,
// V_c -50 mV, V_reset -68 mV, V_peak -30 mV, R 1 GOhm, refractory 0 ms, bias 0 pA. Rheobase a_0 (V_c - V_rest)^2 / (4 R).
// Above rheobase the time from v_0 to v_1 is (tau / (a_0 k)) [atan((v_1 - m)/k) - atan((v_0 - m)/k)] with
// m = (V_rest + V_c)/2 and k^2 = R I / a_0 - ((V_c - V_rest)/2)^2 (used by the tests).
// Default integrator: RK4 (the quadratic term makes Euler's spike times drift); any OdeMethod may be chosen.
//
// Sources: Ermentrout G.B. & Kopell N. (1986) SIAM J Appl Math 46:233-253; Latham P.E. et al. (2000)
// J Neurophysiol 83:808-827 (the form with V_rest and V_c).
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Quadratic integrate-and-fire neuron; see the file header.</summary>
public sealed class QuadraticIfNeuron : OdeNeuronGroup<QuadraticIfParams>
{
    private const string Model = nameof(QuadraticIfNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element.</summary>
    public QuadraticIfNeuron(int size, QuadraticIfParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.RungeKutta4)
        : base(Model, size, batch, parameters ?? new QuadraticIfParams(), method)
    {
        AddState("v", "mV", V);
        RefractoryCountdown = AddState("refractory_steps", "1");
        Reset(0);
    }

    /// <summary>Steps left with v clamped.</summary>
    public float[] RefractoryCountdown { get; }

    /// <summary>v = V_rest; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.VRest);
        Array.Clear(RefractoryCountdown);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T;
        int refSteps = ParameterCheck.RefractorySteps(p.Refractory, dt);
        var sys = new Rhs { Tau = p.Tau, A0 = p.A0, VRest = p.VRest, VC = p.VC, R = p.R };
        Span<double> y = stackalloc double[1];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(1)];
        float[] v = V, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            if (cnt[i] > 0) { cnt[i]--; continue; }
            y[0] = v[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            if (y[0] > p.VPeak)
            {
                y[0] = p.VReset;
                cnt[i] = Math.Max(0, refSteps - 1);
                spikes[count++] = i;
            }
            v[i] = (float)y[0];
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public double Tau, A0, VRest, VC, R, I, G;
        public readonly int Dimension => 1;

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            double v = y[0];
            d[0] = (A0 * (v - VRest) * (v - VC) + R * (I - G * v)) / Tau;
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            double v = y[0];
            double f = (A0 * (v - VRest) * (v - VC) + R * (I - G * v)) / Tau;
            b[0] = (A0 * (2 * v - VRest - VC) - R * G) / Tau;
            a[0] = f - b[0] * v;
        }
    }
}
