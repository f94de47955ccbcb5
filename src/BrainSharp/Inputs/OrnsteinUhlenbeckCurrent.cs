using BrainSharp.Dynamics;
using BrainSharp.Random;

namespace BrainSharp.Inputs;

/// <summary>
/// Ornstein-Uhlenbeck noise current, independent per neuron (and batch element):
///   dI = (mu - I)/tau dt + sigma sqrt(2/tau) dW,    stationary mean mu, variance sigma^2, autocorrelation sigma^2 exp(-|lag|/tau).
/// Exact update over a step (Gillespie 1996): I' = mu + (I - mu) e + sigma sqrt(1 - e^2) xi,  e = exp(-dt/tau), xi ~ N(0, 1)
/// drawn by Philox from (seed, step, neuron), so the noise is the same for any thread count. Reset draws I from the
/// stationary distribution (or sets I = mu when startStationary is false).
/// Parameters: mu (pA), sigma >= 0 (pA), tau > 0 (ms), seed.
/// </summary>
public sealed class OrnsteinUhlenbeckCurrent : CurrentInput
{
    private const ulong Tag = 0x0E0E0E0E17UL;
    private readonly float[] _i;
    private readonly bool _startStationary;
    private ulong _seed, _stream;
    private double _dtCached = double.NaN, _decay, _noise;

    /// <summary>Creates the noise source (units: mu, sigma pA; tau ms).</summary>
    public OrnsteinUhlenbeckCurrent(NeuronGroup target, double mu, double sigma, double tau, ulong seed, bool startStationary = true)
        : base(nameof(OrnsteinUhlenbeckCurrent), target)
    {
        RequireFiniteAmplitude(nameof(OrnsteinUhlenbeckCurrent), nameof(mu), mu);
        if (!(sigma >= 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"OrnsteinUhlenbeckCurrent: sigma must be non-negative and finite (pA), got {sigma}.");
        if (!(tau > 0) || !double.IsFinite(tau)) throw new ArgumentOutOfRangeException(nameof(tau), tau, $"OrnsteinUhlenbeckCurrent: tau must be positive and finite (ms), got {tau}.");
        Mu = mu; Sigma = sigma; Tau = tau; Seed = seed; _startStationary = startStationary;
        _i = new float[Size * Batch];
        States = [new StateVariable("I", "pA", _i)];
        Reset(0);
    }

    /// <summary>Stationary mean, pA.</summary>
    public double Mu { get; }
    /// <summary>Stationary standard deviation, pA.</summary>
    public double Sigma { get; }
    /// <summary>Correlation time, ms.</summary>
    public double Tau { get; }
    /// <summary>Seed given at construction (combined with the seed passed to Reset).</summary>
    public ulong Seed { get; }

    /// <summary>The current per neuron, pA.</summary>
    public float[] Current => _i;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed)
    {
        _seed = Philox.StreamId(Seed, seed);
        _stream = Philox.StreamId(Tag);
        for (int k = 0; k < _i.Length; k++)
            _i[k] = (float)(_startStationary ? Mu + Sigma * CounterDraws.Normal(_seed, _stream ^ 0x1, (ulong)k) : Mu);
    }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        if (clock.Dt != _dtCached)
        {
            _dtCached = clock.Dt;
            _decay = Math.Exp(-clock.Dt / Tau);
            _noise = Sigma * Math.Sqrt(1 - _decay * _decay);
        }
        var input = Target.InputCurrent;
        ulong baseIndex = (ulong)clock.Step * (ulong)_i.Length;
        for (int k = 0; k < _i.Length; k++)
        {
            double xi = CounterDraws.Normal(_seed, _stream, baseIndex + (ulong)k);
            float v = (float)(Mu + (_i[k] - Mu) * _decay + _noise * xi);
            _i[k] = v;
            input[k] += v;
        }
    }
}
