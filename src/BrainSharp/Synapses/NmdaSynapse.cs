namespace BrainSharp.Synapses;

/// <summary>
/// NMDA receptor gating with saturation (Wang 2002, Neuron 36:955; BrainPy's dyn.NMDA):
///   dx/dt = -x / tau_rise,                               x += a on a spike arrival of amount a (1 per spike)
///   ds/dt = -s / tau_decay + alpha x (1 - s),            g = gMax s  (summed over synapses with their weights)
/// Use with <see cref="MagnesiumBlockOutput"/> (reversal 0 mV, Jahr &amp; Stevens 1990 block).
/// Defaults (Wang 2002): tau_rise 2 ms, tau_decay 100 ms, alpha 0.5 /ms, gMax 1 nS.
/// Update per step: arrivals add to x at the start of the step; x decays exactly; s is advanced by the exact solution of
/// its equation with x replaced by its exact mean over the step (A = alpha integral of x dt = alpha x tau_rise (1 - exp(-dt/tau_rise))):
///   s' = s_inf + (s - s_inf) exp(-(dt/tau_decay + A)),  s_inf = A / (A + dt/tau_decay).
/// This is exact when x is constant and second order in dt otherwise.
/// In a projection the gates are kept per presynaptic neuron (exact saturation, as in the paper); see <see cref="SaturatingSynapse"/>.
/// </summary>
public sealed class NmdaSynapse : SaturatingSynapse
{
    /// <summary>Creates the synapse (units: tauRise ms, tauDecay ms, alpha 1/ms, gMax nS).</summary>
    public NmdaSynapse(int nPost, double tauRise = 2.0, double tauDecay = 100.0, double alpha = 0.5, double gMax = 1.0, int batch = 1)
        : base(nameof(NmdaSynapse), nPost, batch, gMax, ("x", "1"), ("s", "1"))
    {
        SynapseParameters.RequirePositive(nameof(NmdaSynapse), nameof(tauRise), tauRise);
        SynapseParameters.RequirePositive(nameof(NmdaSynapse), nameof(tauDecay), tauDecay);
        SynapseParameters.RequirePositive(nameof(NmdaSynapse), nameof(alpha), alpha);
        TauRise = tauRise; TauDecay = tauDecay; Alpha = alpha;
    }

    /// <summary>Rise time constant of x, ms.</summary>
    public double TauRise { get; }
    /// <summary>Decay time constant of s, ms.</summary>
    public double TauDecay { get; }
    /// <summary>Saturation rate alpha, 1/ms.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    protected override int GateIndex => 1;

    /// <inheritdoc />
    protected override void Advance(double dt, float[][] state, float[] arrivals, int count)
    {
        double decayX = Math.Exp(-dt / TauRise), intX = Alpha * TauRise * (1 - decayX), leak = dt / TauDecay, decayS = Math.Exp(-leak);
        float[] xs = state[0], ss = state[1];
        for (int i = 0; i < count; i++)
        {
            double x = xs[i] + arrivals[i];
            arrivals[i] = 0;
            double s = ss[i];
            if (x == 0) { ss[i] = (float)(s * decayS); continue; }   // no drive: pure exponential decay
            double a = intX * x;
            double sInf = a / (a + leak);
            ss[i] = (float)(sInf + (s - sInf) * Math.Exp(-(leak + a)));
            xs[i] = (float)(x * decayX);
        }
    }
}
