using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// NMDA receptor gating with saturation (Wang 2002, Neuron 36:955; BrainPy's dyn.NMDA):
///   dx/dt = -x / tau_rise,                               x += a on a spike arrival of weight a (dimensionless)
///   ds/dt = -s / tau_decay + alpha x (1 - s),            g = gMax s
/// Use with <see cref="MagnesiumBlockOutput"/> (reversal 0 mV, Jahr &amp; Stevens 1990 block).
/// Defaults (Wang 2002): tau_rise 2 ms, tau_decay 100 ms, alpha 0.5 /ms, gMax 1 nS.
/// Update per step: arrivals add to x at the start of the step; x decays exactly; s is advanced by the exact solution of
/// its equation with x replaced by its exact mean over the step (A = alpha integral of x dt = alpha x tau_rise (1 - exp(-dt/tau_rise))):
///   s' = s_inf + (s - s_inf) exp(-(dt/tau_decay + A)),  s_inf = A / (A + dt/tau_decay).
/// This is exact when x is constant and second order in dt otherwise.
/// State per post neuron (x, s): the per-post ("align post") approximation. In the paper s is per presynaptic neuron and
/// saturates per synapse; pooling the synapses of one projection onto one post neuron is exact only in the unsaturated
/// (linear) regime or for one synapse per post neuron. For networks where per-pre saturation matters, keep s per pre
/// neuron (as the Wang2002 network does through group sums).
/// </summary>
public sealed class NmdaSynapse : SynapseDynamics
{
    private readonly float[] _x, _s, _g;

    /// <summary>Creates the synapse (units: tauRise ms, tauDecay ms, alpha 1/ms, gMax nS).</summary>
    public NmdaSynapse(int nPost, double tauRise = 2.0, double tauDecay = 100.0, double alpha = 0.5, double gMax = 1.0, int batch = 1)
        : base(nameof(NmdaSynapse), nPost, batch)
    {
        SynapseParameters.RequirePositive(nameof(NmdaSynapse), nameof(tauRise), tauRise);
        SynapseParameters.RequirePositive(nameof(NmdaSynapse), nameof(tauDecay), tauDecay);
        SynapseParameters.RequirePositive(nameof(NmdaSynapse), nameof(alpha), alpha);
        SynapseParameters.RequireNonNegative(nameof(NmdaSynapse), nameof(gMax), gMax);
        TauRise = tauRise; TauDecay = tauDecay; Alpha = alpha; GMax = gMax;
        int n = nPost * batch;
        _x = new float[n]; _s = new float[n]; _g = new float[n];
        States = [new StateVariable("x", "1", _x), new StateVariable("s", "1", _s), new StateVariable("g", "nS", _g)];
    }

    /// <summary>Rise time constant of x, ms.</summary>
    public double TauRise { get; }
    /// <summary>Decay time constant of s, ms.</summary>
    public double TauDecay { get; }
    /// <summary>Saturation rate alpha, 1/ms.</summary>
    public double Alpha { get; }
    /// <summary>Maximal conductance, nS.</summary>
    public double GMax { get; }

    /// <inheritdoc />
    public override float[] Value => _g;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed) { Array.Clear(_x); Array.Clear(_s); Array.Clear(_g); Array.Clear(Arrivals); }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        double dt = clock.Dt, decayX = Math.Exp(-dt / TauRise), intX = Alpha * TauRise * (1 - decayX), leak = dt / TauDecay;
        var arr = Arrivals;
        for (int i = 0; i < _x.Length; i++)
        {
            double x = _x[i] + arr[i];
            double a = intX * x;
            double s = _s[i];
            double sInf = a / (a + leak);
            s = sInf + (s - sInf) * Math.Exp(-(leak + a));
            _x[i] = (float)(x * decayX);
            _s[i] = (float)s;
            _g[i] = (float)(GMax * s);
        }
        Array.Clear(arr);
    }
}
