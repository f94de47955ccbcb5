namespace BrainSharp.Synapses;

/// <summary>
/// Two-state receptor kinetics driven by a square transmitter pulse (Destexhe, Mainen &amp; Sejnowski 1994,
/// Neural Comput 6:14; the form of BrainPy's dyn.AMPA / dyn.GABAa):
///   dr/dt = alpha T (1 - r) - beta r,      g = gMax r  (summed over synapses with their weights, see <see cref="SaturatingSynapse"/>),
/// where T = T_max * a during T_dur ms after a spike arrival of amount a (1 per spike, times the short-term-plasticity
/// efficacy; in <see cref="GatingAlignment.Postsynaptic"/> mode the summed weights), and T = 0 otherwise.
/// For piecewise-constant T the update is exact:
///   r' = r_inf + (r - r_inf) exp(-(alpha T + beta) dt),  r_inf = alpha T / (alpha T + beta);
/// a pulse that ends inside a step is handled by splitting the step at its end.
/// State per gate: r, the transmitter amplitude T and the time left in the pulse. An arrival during a running pulse
/// restarts its T_dur window with amplitude max(current, T_max a): pulses do not add (as in BrainPy), so steady release
/// holds T at T_max a instead of growing without bound.
/// </summary>
public abstract class TransmitterPulseSynapse : SaturatingSynapse
{
    /// <summary>Validates and stores the parameters (units: alpha 1/(ms mM), beta 1/ms, tMax mM, tDuration ms, gMax nS).</summary>
    protected TransmitterPulseSynapse(string name, int nPost, int batch, double alpha, double beta, double tMax, double tDuration, double gMax)
        : base(name, nPost, batch, gMax, ("r", "1"), ("T", "mM"), ("pulse_left", "ms"))
    {
        SynapseParameters.RequirePositive(name, nameof(alpha), alpha);
        SynapseParameters.RequirePositive(name, nameof(beta), beta);
        SynapseParameters.RequirePositive(name, nameof(tMax), tMax);
        SynapseParameters.RequirePositive(name, nameof(tDuration), tDuration);
        Alpha = alpha; Beta = beta; TMax = tMax; TDuration = tDuration;
    }

    /// <summary>Binding rate, 1/(ms mM).</summary>
    public double Alpha { get; }
    /// <summary>Unbinding rate, 1/ms.</summary>
    public double Beta { get; }
    /// <summary>Transmitter concentration of one spike's pulse, mM.</summary>
    public double TMax { get; }
    /// <summary>Pulse duration, ms.</summary>
    public double TDuration { get; }

    /// <inheritdoc />
    protected override int GateIndex => 0;

    /// <inheritdoc />
    protected override void Advance(double dt, float[][] state, float[] arrivals, int count)
    {
        double alpha = Alpha, beta = Beta, decayFree = Math.Exp(-beta * dt);
        float[] rs = state[0], ts = state[1], left = state[2];
        for (int i = 0; i < count; i++)
        {
            if (arrivals[i] != 0)
            {
                ts[i] = Math.Max(left[i] > 0 ? ts[i] : 0f, (float)(TMax * arrivals[i]));
                left[i] = (float)TDuration;
                arrivals[i] = 0;
            }
            double r = rs[i];
            if (left[i] > 0)
            {
                double on = Math.Min(dt, left[i]);
                double k = alpha * ts[i] + beta, rInf = alpha * ts[i] / k;
                r = rInf + (r - rInf) * Math.Exp(-k * on);
                if (on < dt) r *= Math.Exp(-beta * (dt - on));
                left[i] = (float)(left[i] - on);
                if (left[i] <= 1e-6f) { left[i] = 0; ts[i] = 0; }
            }
            else if (r == 0) continue;
            else r *= decayFree;
            rs[i] = (float)r;
        }
    }
}
