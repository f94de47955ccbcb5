// Allen Institute generalized leaky integrate-and-fire models GLIF1-5 (one class, chosen by GlifLevel).
//
//   C dV/dt = I + sum_j I_j - G (V - E_L)                       (I_j only at levels 3-5)
//   dI_j/dt = -k_j I_j                                           (after-spike currents, ASC)
//   dTheta_s/dt = -b_s Theta_s                                   (spike-induced threshold, levels 2, 4, 5)
//   dTheta_v/dt = a_v (V - E_L) - b_v Theta_v                    (voltage-dependent threshold, level 5)
//   spike when V > Theta_inf + Theta_s + Theta_v; then
//     levels 1, 3: V <- V_reset;   levels 2, 4, 5: V <- E_L + f_v (V_before - E_L) + delta_V
//     Theta_s <- Theta_s + delta_Theta_s;   I_j <- f_j I_j + delta_I_j
//   and V is held for the refractory period while I_j, Theta_s and Theta_v keep evolving.
//   I = BiasCurrent + InputCurrent - InputConductance * V   (pA, nS)
//
// Integration: V is solved exactly over a step for constant I and exponentially decaying I_j; I_j and Theta_s decay
// exactly; Theta_v uses exponential Euler with V at the step start. V_before is V at the start of the spiking step (as NEST).
// Parameters (GlifParams; NEST glif_psc defaults): C 58.72 pF, G 9.43 nS, E_L -78.85 mV, Theta_inf -51.68 mV,
// V_reset -78.85 mV, t_ref 3.75 ms, delta_Theta_s 0.37 mV, b_s 0.009 /ms, f_v 0.20, delta_V 18.51 mV,
// a_v 0.005 /ms, b_v 0.09 /ms, k_j [0.003, 0.1] /ms, delta_I_j [-9.18, -198.94] pA, f_j [1, 1].
// Difference from NEST: NEST applies the ASC increment at the end of the refractory period; here, as in the paper's
// equations, at the spike, so the increment has decayed by exp(-k_j t_ref) when V is released.
//
// Source: Teeter C. et al. (2018) Generalized leaky integrate-and-fire models classify multiple neuron types.
// Nat Commun 9:709.
using BrainSharp.Dynamics;

namespace BrainSharp.Neurons;

/// <summary>Allen GLIF1-5 neuron (Teeter et al. 2018); see the file header.</summary>
public sealed class GlifNeuron : ModelNeuronGroup<GlifParams>
{
    private const string Model = nameof(GlifNeuron);
    private readonly int _nAsc;

    /// <summary>Creates <paramref name="size"/> neurons per batch element at <paramref name="level"/>.</summary>
    public GlifNeuron(int size, GlifLevel level, GlifParams? parameters = null, int batch = 1) : base(Model, size, batch, parameters ?? new GlifParams())
    {
        if (!Enum.IsDefined(level)) throw new ArgumentOutOfRangeException(nameof(level), level, $"{Model}: level must be 1-5, got {(int)level}.");
        Level = level;
        _nAsc = HasAsc ? Parameters.AscDecay.Length : 0;
        AddState("v", "mV", V);
        ThetaSpike = AddState("theta_s", "mV");
        ThetaVoltage = AddState("theta_v", "mV");
        Asc = new float[_nAsc][];
        for (int j = 0; j < _nAsc; j++) Asc[j] = AddState($"asc{j}", "pA");
        RefractoryCountdown = AddState("refractory_steps", "1");
        Reset(0);
    }

    /// <summary>Which of GLIF1-5.</summary>
    public GlifLevel Level { get; }
    /// <summary>After-spike currents, pA: Asc[j][neuron] (empty below level 3).</summary>
    public float[][] Asc { get; }
    /// <summary>Spike-induced threshold component, mV.</summary>
    public float[] ThetaSpike { get; }
    /// <summary>Voltage-dependent threshold component, mV.</summary>
    public float[] ThetaVoltage { get; }
    /// <summary>Steps left with V held.</summary>
    public float[] RefractoryCountdown { get; }

    private bool HasResetRules => Level is GlifLevel.LifR or GlifLevel.LifRAsc or GlifLevel.LifRAscA;
    private bool HasAsc => Level >= GlifLevel.LifAsc;
    private bool HasVoltageThreshold => Level == GlifLevel.LifRAscA;

    /// <summary>V = E_L, all threshold components and currents 0; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Fill(V, (float)Parameters.EL);
        foreach (var a in Asc) Array.Clear(a);
        Array.Clear(ThetaSpike); Array.Clear(ThetaVoltage); Array.Clear(RefractoryCountdown);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt;
        int refSteps = Neurons.ParameterCheck.RefractorySteps(p.Refractory, dt);
        bool rules = HasResetRules, vth = HasVoltageThreshold;
        int nAsc = _nAsc;
        Span<double> ascDecay = stackalloc double[nAsc];
        for (int j = 0; j < nAsc; j++) ascDecay[j] = Math.Exp(-p.AscDecay[j] * dt);
        double thsDecay = Math.Exp(-p.ThetaSpikeDecay * dt);
        double thvDecay = Math.Exp(-p.ThetaVoltageDecay * dt), thvGain = p.ThetaVoltageIndex / p.ThetaVoltageDecay * (1 - thvDecay);
        float[] v = V, ths = ThetaSpike, thv = ThetaVoltage, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            double iExt = p.BiasCurrent + iIn[i], gExt = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            double v0 = v[i];
            // Threshold components evolve whether or not V is held.
            if (rules) ths[i] = (float)(ths[i] * thsDecay);
            if (vth) thv[i] = (float)(thv[i] * thvDecay + thvGain * (v0 - p.EL));
            if (cnt[i] > 0)
            {
                cnt[i]--;
                for (int j = 0; j < nAsc; j++) Asc[j][i] = (float)(Asc[j][i] * ascDecay[j]);
                continue;
            }
            // Exact V over the step: linear membrane, constant I, after-spike currents decaying as exp(-k_j s).
            double gTot = p.G + gExt, rate = gTot / p.C, decay = Math.Exp(-rate * dt);
            double vInf = (p.G * p.EL + iExt) / gTot;
            double vNew = vInf + (v0 - vInf) * decay;
            for (int j = 0; j < nAsc; j++)
            {
                double i0 = Asc[j][i], k = p.AscDecay[j], diff = rate - k;
                double kernel = Math.Abs(diff) * dt < 1e-9 ? dt * ascDecay[j] : (ascDecay[j] - decay) / diff;
                vNew += i0 / p.C * kernel;
                Asc[j][i] = (float)(i0 * ascDecay[j]);
            }
            double threshold = p.ThetaInf + (rules ? ths[i] : 0) + (vth ? thv[i] : 0);
            if (vNew > threshold)
            {
                spikes[count++] = i;
                vNew = rules ? p.EL + p.VoltageResetFraction * (v0 - p.EL) + p.VoltageResetAdd : p.VReset;
                if (rules) ths[i] += (float)p.ThetaSpikeAdd;
                for (int j = 0; j < nAsc; j++) Asc[j][i] = (float)(p.AscR[j] * Asc[j][i] + p.AscAmps[j]);
                cnt[i] = Math.Max(0, refSteps - 1);
            }
            v[i] = (float)vNew;
        }
        return count;
    }
}
