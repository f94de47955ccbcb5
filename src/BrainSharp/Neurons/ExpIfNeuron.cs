// Exponential integrate-and-fire neuron (EIF).
//
//   C dv/dt = -g_L (v - E_L) + g_L Delta_T exp((v - V_T)/Delta_T) + I
//   if v > V_peak: v <- V_reset, clamped there for the refractory period
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, nS)
//
// Parameters (ExpIfParams): C 281 pF, g_L 30 nS, E_L -70.6 mV, V_T -50.4 mV, Delta_T 2 mV, V_reset -70.6 mV,
// V_peak 0 mV, refractory 2 ms, bias 0 pA. Rheobase g_L (V_T - E_L - Delta_T). Default integrator: exponential Euler
// (diagonal Jacobian, exact for the leak); exponent capped at 40 as in AdExNeuron.
//
// Source: Fourcaud-Trocme N., Hansel D., van Vreeswijk C. & Brunel N. (2003) How spike generation mechanisms determine
// the neuronal response to fluctuating inputs. J Neurosci 23:11628-11640.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Exponential integrate-and-fire neuron (Fourcaud-Trocme et al. 2003); see the file header.</summary>
public sealed class ExpIfNeuron : OdeNeuronGroup<ExpIfParams>
{
    private const string Model = nameof(ExpIfNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element.</summary>
    public ExpIfNeuron(int size, ExpIfParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.ExponentialEuler)
        : base(Model, size, batch, parameters ?? new ExpIfParams(), method)
    {
        AddState("v", "mV", V);
        RefractoryCountdown = AddState("refractory_steps", "1");
        Reset(0);
    }

    /// <summary>Steps left with v clamped.</summary>
    public float[] RefractoryCountdown { get; }

    /// <summary>v = E_L; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.EL);
        Array.Clear(RefractoryCountdown);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T;
        int refSteps = ParameterCheck.RefractorySteps(p.Refractory, dt);
        var sys = new ExpIfRhs(p.C, p.GL, p.EL, p.VT, p.DeltaT, 0, 1, p.VPeak);
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        float[] v = V, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            if (cnt[i] > 0) { cnt[i]--; continue; }
            y[0] = v[i]; y[1] = 0;
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            if (y[0] > p.VPeak)
            {
                y[0] = p.VReset;
                cnt[i] = Math.Max(0, refSteps - 1); // Brian2: refractory while (t - t_spike) < t_ref, so t_ref/dt - 1 clamped updates
                spikes[count++] = i;
            }
            v[i] = (float)y[0];
        }
        return count;
    }
}
