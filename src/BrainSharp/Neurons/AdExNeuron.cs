// Adaptive exponential integrate-and-fire neuron (AdEx).
//
//   C dv/dt = -g_L (v - E_L) + g_L Delta_T exp((v - V_T)/Delta_T) - w + I
//   tau_w dw/dt = a (v - E_L) - w
//   if v > V_peak: v <- V_reset, w <- w + b; then v is clamped at V_reset for the refractory period (w keeps evolving)
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, conductance in nS)
//
// Parameters (AdExParams; defaults = Brette & Gerstner 2005): C 281 pF, g_L 30 nS, E_L -70.6 mV, V_T -50.4 mV,
// Delta_T 2 mV, tau_w 144 ms, a 4 nS, b 80.5 pA, V_reset -70.6 mV, V_peak 0 mV, refractory 0 ms, bias 0 pA.
// Naud et al. (2008) presets: NaudTonic, NaudAdapting, NaudInitialBurst, NaudRegularBursting, NaudDelayedAccelerating,
// NaudTransient. Default integrator: exponential Euler with the diagonal Jacobian (BrainPy's exp_auto: exact for the
// leak and w, linearized for the exponential term). The right-hand side sees v clamped at V_peak and the exponent capped at 40, so that a step crossing the
// upswing overflows neither v nor intermediate Runge-Kutta stages; v is then far above V_peak and is reset.
//
// Sources: Brette R. & Gerstner W. (2005) J Neurophysiol 94:3637-3642; Naud R., Marcille N., Clopath C. & Gerstner W.
// (2008) Firing patterns in the adaptive exponential integrate-and-fire model. Biol Cybern 99:335-347.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Adaptive exponential integrate-and-fire neuron (Brette &amp; Gerstner 2005); see the file header.</summary>
public sealed class AdExNeuron : OdeNeuronGroup<AdExParams>
{
    private const string Model = nameof(AdExNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element (default Brette &amp; Gerstner 2005).</summary>
    public AdExNeuron(int size, AdExParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.ExponentialEuler)
        : base(Model, size, batch, parameters ?? AdExParams.BretteGerstner2005, method)
    {
        AddState("v", "mV", V);
        W = AddState("w", "pA");
        RefractoryCountdown = AddState("refractory_steps", "1");
        Reset(0);
    }

    /// <summary>Adaptation current w, pA.</summary>
    public float[] W { get; }
    /// <summary>Steps left with v clamped.</summary>
    public float[] RefractoryCountdown { get; }

    /// <summary>v = E_L, w = 0; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.EL);
        Array.Clear(W); Array.Clear(RefractoryCountdown);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T;
        int refSteps = ParameterCheck.RefractorySteps(p.Refractory, dt);
        var sys = new ExpIfRhs(p.C, p.GL, p.EL, p.VT, p.DeltaT, p.A, p.TauW, p.VPeak);
        double wDecay = Math.Exp(-dt / p.TauW), wClamp = p.A * (p.VReset - p.EL);
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        float[] v = V, w = W, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            if (cnt[i] > 0)
            {
                cnt[i]--;
                w[i] = (float)(wClamp + (w[i] - wClamp) * wDecay); // exact with v held at V_reset
                continue;
            }
            y[0] = v[i]; y[1] = w[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            if (y[0] > p.VPeak)
            {
                y[0] = p.VReset; y[1] += p.B;
                cnt[i] = Math.Max(0, refSteps - 1); // Brian2: refractory while (t - t_spike) < t_ref, so t_ref/dt - 1 clamped updates
                spikes[count++] = i;
            }
            v[i] = (float)y[0]; w[i] = (float)y[1];
        }
        return count;
    }
}
