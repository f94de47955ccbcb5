// Adaptive leaky integrate-and-fire neuron (ALIF) of the LSNN / e-prop papers, in physical units.
//
//   tau_m dv/dt = -(v - E_L) + R I                   (exact over a step for constant I)
//   a(t + dt) = rho a(t),  rho = exp(-dt / tau_a)
//   A = v_th + beta a                                  (adaptive threshold)
//   spike (outside the refractory period) when v > A: a <- a + 1, and v <- v - (v_th - E_L) (reset by subtraction,
//   as Bellec et al.) or v <- V_reset; during the refractory period v integrates but cannot spike.
//   I = BiasCurrent + InputCurrent - InputConductance * v   (pA, nS; R in GOhm)
//
// Parameters (AdaptiveLifParams): tau_m 20 ms, tau_a 200 ms, R 0.1 GOhm, E_L -70 mV, v_th -60 mV, beta 1.8 mV,
// reset by subtraction, V_reset -70 mV (when not subtracting), refractory 2 ms, bias 0 pA.
// This is the forward (simulation) model; surrogate gradients for training live with the learning code.
//
// Sources: Bellec G. et al. (2020) A solution to the learning dilemma for recurrent networks of spiking neurons.
// Nat Commun 11:3625; Bellec G. et al. (2018) Long short-term memory and learning-to-learn in networks of spiking
// neurons. NeurIPS.
using BrainSharp.Dynamics;

namespace BrainSharp.Neurons;

/// <summary>Adaptive LIF (Bellec et al. 2020); see the file header.</summary>
public sealed class AdaptiveLifNeuron : ModelNeuronGroup<AdaptiveLifParams>
{
    private const string Model = nameof(AdaptiveLifNeuron);

    /// <summary>Creates <paramref name="size"/> neurons per batch element.</summary>
    public AdaptiveLifNeuron(int size, AdaptiveLifParams? parameters = null, int batch = 1) : base(Model, size, batch, parameters ?? new AdaptiveLifParams())
    {
        AddState("v", "mV", V);
        Adaptation = AddState("a", "1");
        RefractoryCountdown = AddState("refractory_steps", "1");
        Reset(0);
    }

    /// <summary>Adaptation variable a (spike count filtered with tau_a), dimensionless.</summary>
    public float[] Adaptation { get; }
    /// <summary>Steps left in which no spike is emitted.</summary>
    public float[] RefractoryCountdown { get; }

    /// <summary>v = E_L, a = 0; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.EL);
        Array.Clear(Adaptation); Array.Clear(RefractoryCountdown);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt;
        int refSteps = ParameterCheck.RefractorySteps(p.Refractory, dt);
        double rho = Math.Exp(-dt / p.TauA), alpha = Math.Exp(-dt / p.TauM), jump = p.VThreshold - p.EL;
        float[] v = V, a = Adaptation, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            double iExt = p.BiasCurrent + iIn[i], g = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            double decay = alpha, k = 1 + p.R * g;
            if (g != 0) decay = Math.Exp(-dt * k / p.TauM);
            double vInf = (p.EL + p.R * iExt) / k;
            double vNew = vInf + (v[i] - vInf) * decay;
            double aNew = a[i] * rho;
            bool refractory = cnt[i] > 0;
            if (refractory) cnt[i]--;
            if (!refractory && vNew > p.VThreshold + p.Beta * aNew)
            {
                spikes[count++] = i;
                aNew += 1;
                vNew = p.ResetBySubtraction ? vNew - jump : p.VReset;
                cnt[i] = Math.Max(0, refSteps - 1);
            }
            v[i] = (float)vNew; a[i] = (float)aNew;
        }
        return count;
    }
}
