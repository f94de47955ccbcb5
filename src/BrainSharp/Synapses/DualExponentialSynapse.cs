using System.Numerics.Tensors;
using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Dual-exponential synapse (rise tau_rise, decay tau_decay, tau_rise &lt; tau_decay). Kernel of a spike of weight w at t = 0:
///   g(t) = w * f * (exp(-t/tau_decay) - exp(-t/tau_rise))
/// with f = 1 / (exp(-t_p/tau_decay) - exp(-t_p/tau_rise)), t_p = tau_d tau_r / (tau_d - tau_r) ln(tau_d / tau_r), so the peak equals w
/// (normalizePeak = true, default); or f = tau_d tau_r / (tau_d - tau_r) * (1/ms), the BrainPy DualExpon form
/// (dg/dt = -g/tau_d + h, dh/dt = -h/tau_r, h += w; normalizePeak = false).
/// State per post neuron: the two exponential components d and r; arriving weights add to both, each decays exactly
/// (x *= exp(-dt/tau)), Value = f (d - r). Linear, so one state per post neuron is exact for any number of synapses.
/// Parameters: tau_rise (ms, default 1), tau_decay (ms, default 5). Value in nS or pA (the weights' unit).
/// </summary>
public sealed class DualExponentialSynapse : SynapseDynamics
{
    private readonly float[] _d, _r, _g;
    private double _dtCached = double.NaN;
    private float _decayD, _decayR;

    /// <summary>Creates the synapse; time constants in ms, 0 &lt; tauRise &lt; tauDecay.</summary>
    public DualExponentialSynapse(int nPost, double tauRise = 1.0, double tauDecay = 5.0, bool normalizePeak = true, int batch = 1)
        : base(nameof(DualExponentialSynapse), nPost, batch)
    {
        SynapseParameters.RequirePositive(nameof(DualExponentialSynapse), nameof(tauRise), tauRise);
        SynapseParameters.RequirePositive(nameof(DualExponentialSynapse), nameof(tauDecay), tauDecay);
        if (!(tauRise < tauDecay))
            throw new ArgumentOutOfRangeException(nameof(tauRise), tauRise, $"DualExponentialSynapse: tauRise must be smaller than tauDecay = {tauDecay} ms, got {tauRise} ms.");
        TauRise = tauRise; TauDecay = tauDecay; NormalizePeak = normalizePeak;
        PeakTime = tauDecay * tauRise / (tauDecay - tauRise) * Math.Log(tauDecay / tauRise);
        Factor = normalizePeak
            ? 1.0 / (Math.Exp(-PeakTime / tauDecay) - Math.Exp(-PeakTime / tauRise))
            : tauDecay * tauRise / (tauDecay - tauRise);
        int n = nPost * batch;
        _d = new float[n]; _r = new float[n]; _g = new float[n];
        States = [new StateVariable("d", "1", _d), new StateVariable("r", "1", _r), new StateVariable("g", "nS", _g)];
    }

    /// <summary>Rise time constant, ms.</summary>
    public double TauRise { get; }
    /// <summary>Decay time constant, ms.</summary>
    public double TauDecay { get; }
    /// <summary>Whether a single spike of weight w peaks at exactly w.</summary>
    public bool NormalizePeak { get; }
    /// <summary>Time of the kernel's peak after the spike, ms.</summary>
    public double PeakTime { get; }
    /// <summary>Scale f of the kernel (see the class summary).</summary>
    public double Factor { get; }

    /// <inheritdoc />
    public override float[] Value => _g;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed) { Array.Clear(_d); Array.Clear(_r); Array.Clear(_g); Array.Clear(Arrivals); }

    /// <inheritdoc />
    public override bool CanUpdateRange => true;

    /// <inheritdoc />
    public override void Prepare(Clock clock) => Bind(clock.Dt);

    private void Bind(double dt)
    {
        if (dt == _dtCached) return;
        _dtCached = dt;
        _decayD = (float)Math.Exp(-dt / TauDecay);
        _decayR = (float)Math.Exp(-dt / TauRise);
    }

    /// <inheritdoc />
    public override void Update(Clock clock) => UpdateRange(clock, 0, Size * Batch);

    /// <inheritdoc />
    public override void UpdateRange(Clock clock, int start, int end)
    {
        Bind(clock.Dt);
        int n = end - start;
        if (n <= 0) return;
        var d = _d.AsSpan(start, n); var r = _r.AsSpan(start, n); var g = _g.AsSpan(start, n); var a = Arrivals.AsSpan(start, n);
        TensorPrimitives.MultiplyAdd(d, _decayD, a, d);
        TensorPrimitives.MultiplyAdd(r, _decayR, a, r);
        if (SubnormalFlush.Due(clock.Step)) { SubnormalFlush.Apply(d); SubnormalFlush.Apply(r); }
        TensorPrimitives.Subtract(d, r, g);
        TensorPrimitives.Multiply(g, (float)Factor, g);
        a.Clear();
    }
}
