namespace BrainSharp.Synapses;

/// <summary>
/// AMPA receptor, Destexhe, Mainen &amp; Sejnowski (1994) kinetics as in BrainPy's dyn.AMPA:
///   dr/dt = alpha T (1 - r) - beta r,  g = gMax r,  T = T_max for T_dur after a spike.
/// Defaults: alpha 0.98 /(ms mM), beta 0.18 /ms, T_max 0.5 mM, T_dur 0.5 ms, gMax 1 nS; use with a conductance output,
/// reversal 0 mV. Exact update and per-presynaptic gating: see <see cref="TransmitterPulseSynapse"/> and <see cref="SaturatingSynapse"/>.
/// </summary>
public sealed class AmpaSynapse : TransmitterPulseSynapse
{
    /// <summary>Creates the synapse (units: alpha 1/(ms mM), beta 1/ms, tMax mM, tDuration ms, gMax nS).</summary>
    public AmpaSynapse(int nPost, double alpha = 0.98, double beta = 0.18, double tMax = 0.5, double tDuration = 0.5, double gMax = 1.0, int batch = 1)
        : base(nameof(AmpaSynapse), nPost, batch, alpha, beta, tMax, tDuration, gMax) { }
}
