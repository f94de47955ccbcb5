namespace BrainSharp.Synapses;

/// <summary>
/// GABA-A receptor, Destexhe, Mainen &amp; Sejnowski (1994) kinetics as in BrainPy's dyn.GABAa:
///   dr/dt = alpha T (1 - r) - beta r,  g = gMax r,  T = T_max for T_dur after a spike.
/// Defaults: alpha 0.53 /(ms mM), beta 0.18 /ms, T_max 1 mM, T_dur 1 ms, gMax 1 nS; use with a conductance output,
/// reversal -80 mV. Exact update and per-presynaptic gating: see <see cref="TransmitterPulseSynapse"/> and <see cref="SaturatingSynapse"/>.
/// </summary>
public sealed class GabaASynapse : TransmitterPulseSynapse
{
    /// <summary>Creates the synapse (units: alpha 1/(ms mM), beta 1/ms, tMax mM, tDuration ms, gMax nS).</summary>
    public GabaASynapse(int nPost, double alpha = 0.53, double beta = 0.18, double tMax = 1.0, double tDuration = 1.0, double gMax = 1.0, int batch = 1)
        : base(nameof(GabaASynapse), nPost, batch, alpha, beta, tMax, tDuration, gMax) { }
}
