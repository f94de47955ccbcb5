using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Two-state receptor kinetics driven by a square transmitter pulse (Destexhe, Mainen &amp; Sejnowski 1994,
/// Neural Comput 6:14; the form of BrainPy's dyn.AMPA / dyn.GABAa):
///   dr/dt = alpha T (1 - r) - beta r,      g = gMax r,
/// where T = T_max * a during T_dur ms after a spike arrival of weight a (a dimensionless release amount, 1 = one spike),
/// and T = 0 otherwise. For piecewise-constant T the update is exact:
///   r' = r_inf + (r - r_inf) exp(-(alpha T + beta) dt),  r_inf = alpha T / (alpha T + beta);
/// a pulse that ends inside a step is handled by splitting the step at its end.
/// State per post neuron: r, the transmitter amplitude T and the time left in the pulse. Because the kinetics saturate
/// (r &lt;= 1) this is the per-post ("align post") approximation: the synapses of one projection onto one post neuron
/// share a receptor pool. An arrival during a running pulse restarts its T_dur window with amplitude max(current, T_max a): pulses do
/// not add (as in BrainPy), so steady release holds T at T_max a instead of growing without bound.
/// Exact for one synapse per post neuron; with many asynchronous inputs the saturation acts on the pooled receptors.
/// </summary>
public abstract class TransmitterPulseSynapse : SynapseDynamics
{
    private readonly float[] _r, _t, _left, _g;

    /// <summary>Validates and stores the parameters (units: alpha 1/(ms mM), beta 1/ms, tMax mM, tDuration ms, gMax nS).</summary>
    protected TransmitterPulseSynapse(string name, int nPost, int batch, double alpha, double beta, double tMax, double tDuration, double gMax)
        : base(name, nPost, batch)
    {
        SynapseParameters.RequirePositive(name, nameof(alpha), alpha);
        SynapseParameters.RequirePositive(name, nameof(beta), beta);
        SynapseParameters.RequirePositive(name, nameof(tMax), tMax);
        SynapseParameters.RequirePositive(name, nameof(tDuration), tDuration);
        SynapseParameters.RequireNonNegative(name, nameof(gMax), gMax);
        Alpha = alpha; Beta = beta; TMax = tMax; TDuration = tDuration; GMax = gMax;
        int n = nPost * batch;
        _r = new float[n]; _t = new float[n]; _left = new float[n]; _g = new float[n];
        States = [new StateVariable("r", "1", _r), new StateVariable("T", "mM", _t), new StateVariable("pulse_left", "ms", _left), new StateVariable("g", "nS", _g)];
    }

    /// <summary>Binding rate, 1/(ms mM).</summary>
    public double Alpha { get; }
    /// <summary>Unbinding rate, 1/ms.</summary>
    public double Beta { get; }
    /// <summary>Transmitter concentration of one spike's pulse, mM.</summary>
    public double TMax { get; }
    /// <summary>Pulse duration, ms.</summary>
    public double TDuration { get; }
    /// <summary>Maximal conductance (all receptors open), nS.</summary>
    public double GMax { get; }

    /// <inheritdoc />
    public override float[] Value => _g;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed) { Array.Clear(_r); Array.Clear(_t); Array.Clear(_left); Array.Clear(_g); Array.Clear(Arrivals); }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        double dt = clock.Dt, alpha = Alpha, beta = Beta, decayFree = Math.Exp(-beta * dt);
        var arr = Arrivals;
        for (int i = 0; i < _r.Length; i++)
        {
            if (arr[i] != 0)
            {
                _t[i] = Math.Max(_left[i] > 0 ? _t[i] : 0f, (float)(TMax * arr[i]));
                _left[i] = (float)TDuration;
            }
            double r = _r[i];
            if (_left[i] > 0)
            {
                double on = Math.Min(dt, _left[i]);
                double k = alpha * _t[i] + beta, rInf = alpha * _t[i] / k;
                r = rInf + (r - rInf) * Math.Exp(-k * on);
                if (on < dt) r *= Math.Exp(-beta * (dt - on));
                _left[i] = (float)(_left[i] - on);
                if (_left[i] <= 1e-6f) { _left[i] = 0; _t[i] = 0; }
            }
            else r *= decayFree;
            _r[i] = (float)r;
            _g[i] = (float)(GMax * r);
        }
        Array.Clear(arr);
    }
}
