using BrainSharp.Dynamics;
using BrainSharp.Random;

namespace BrainSharp.Inputs;

/// <summary>
/// Independent Poisson spike sources at given rates (Hz), usable as the pre side of a projection (Brian2's PoissonGroup):
/// in each step neuron i spikes with probability rate_i dt / 1000 (dt in ms), decided by a Philox draw keyed by
/// (seed, step, i), so trains are identical for any thread count. Needs rate dt / 1000 &lt;= 1. V stays 0; inputs are ignored.
/// </summary>
public sealed class PoissonGroup : NeuronGroup
{
    private const ulong Tag = 0x9015501EUL;
    private readonly double[] _rates;
    private ulong _seed, _stream;
    private double _dtCached = double.NaN;
    private readonly double[] _p;

    /// <summary>Creates <paramref name="n"/> sources all at <paramref name="rate"/> Hz.</summary>
    public PoissonGroup(int n, double rate, ulong seed, int batch = 1) : this(Enumerable.Repeat(rate, n).ToArray(), seed, batch) { }

    /// <summary>Creates one source per entry of <paramref name="rates"/> (Hz, >= 0).</summary>
    public PoissonGroup(double[] rates, ulong seed, int batch = 1) : base(nameof(PoissonGroup), rates?.Length ?? 0, batch)
    {
        ArgumentNullException.ThrowIfNull(rates);
        for (int i = 0; i < rates.Length; i++)
            if (!(rates[i] >= 0) || !double.IsFinite(rates[i]))
                throw new ArgumentOutOfRangeException(nameof(rates), rates[i], $"PoissonGroup: rate of neuron {i} must be non-negative and finite (Hz), got {rates[i]}.");
        _rates = (double[])rates.Clone();
        _p = new double[rates.Length];
        Seed = seed;
        States = [new StateVariable("v", "mV", V)];
        Reset(0);
    }

    /// <summary>Seed given at construction (combined with the seed passed to Reset).</summary>
    public ulong Seed { get; }

    /// <summary>Rate of each source, Hz. Changing one takes effect at the next step.</summary>
    public void SetRate(int i, double rate)
    {
        if (!(rate >= 0) || !double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"PoissonGroup: rate must be non-negative and finite (Hz), got {rate}.");
        _rates[i] = rate;
        _dtCached = double.NaN;
    }

    /// <summary>Rate of source <paramref name="i"/>, Hz.</summary>
    public double Rate(int i) => _rates[i];

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed)
    {
        _seed = Philox.StreamId(Seed, seed);
        _stream = Philox.StreamId(Tag);
        Spikes.Clear();
    }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        if (clock.Dt != _dtCached)
        {
            for (int i = 0; i < _rates.Length; i++)
            {
                _p[i] = _rates[i] * clock.Dt / 1000.0;
                if (_p[i] > 1) throw new InvalidOperationException($"PoissonGroup: rate {_rates[i]} Hz of neuron {i} exceeds 1/dt = {1000 / clock.Dt} Hz.");
            }
            _dtCached = clock.Dt;
        }
        Spikes.Clear();
        int n = Size;
        ulong baseIndex = (ulong)clock.Step * (ulong)(n * Batch);
        for (int b = 0; b < Batch; b++)
            for (int i = 0; i < n; i++)
            {
                int k = b * n + i;
                if (_p[i] > 0 && Philox.Uniform(_seed, _stream, baseIndex + (ulong)k) < _p[i]) Spikes.Add(k);
            }
        Array.Clear(InputCurrent); Array.Clear(InputConductance);
    }
}
