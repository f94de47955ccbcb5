using BrainSharp.Dynamics;
using BrainSharp.Random;
using BrainSharp.Synapses;

namespace BrainSharp.Inputs;

/// <summary>
/// External Poisson drive without a presynaptic group (Brian2's PoissonInput): each post neuron receives
/// <c>count</c> independent Poisson trains of <c>rate</c> Hz, each spike carrying <c>weight</c>; per step the number of
/// spikes is drawn as Poisson(count rate dt / 1000) and weight x that number is added to the target synapse's
/// <see cref="SynapseDynamics.Arrivals"/>. Cost O(neurons) per step instead of O(count neurons). Draws are keyed by
/// (seed, step, neuron). Used for the external drive of Brunel (2000) and Wang (2002).
/// Alternatively the target is a neuron group: each spike then injects the charge <c>weight</c> (pA ms) within its step,
/// i.e. weight x count / dt is added to the group's InputCurrent (a current-based delta drive, as Brian2's
/// PoissonInput on v for a LIF cell up to C_m).
/// Threads: a network updates inputs on one worker while the others wait at the end of the previous step, so a synapse
/// target may belong to a range-partitioned coupling (its Arrivals are never written while another worker consumes them).
/// </summary>
public sealed class PoissonInput : DynamicalSystem
{
    private const ulong Tag = 0x9015501E1UL;
    private ulong _seed, _stream;
    private double _dtCached = double.NaN, _mean;
    private int _chunks;
    private double _chunkMean;

    /// <summary>Creates the drive (units: rate Hz per train, weight in the synapse's weight unit).</summary>
    public PoissonInput(SynapseDynamics target, int count, double rate, double weight, ulong seed)
        : this(target?.Size ?? 0, target?.Batch ?? 1, count, rate, weight, seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>Creates a current-based drive into <paramref name="group"/> (units: rate Hz per train, weight = charge per spike, pA ms).</summary>
    public PoissonInput(NeuronGroup group, int count, double rate, double weight, ulong seed)
        : this(group?.Size ?? 0, group?.Batch ?? 1, count, rate, weight, seed)
    {
        ArgumentNullException.ThrowIfNull(group);
        TargetGroup = group;
    }

    private PoissonInput(int size, int batch, int count, double rate, double weight, ulong seed)
        : base(nameof(PoissonInput), size, batch)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, $"PoissonInput: count must be non-negative, got {count}.");
        if (!(rate >= 0) || !double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"PoissonInput: rate must be non-negative and finite (Hz), got {rate}.");
        if (!double.IsFinite(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, $"PoissonInput: weight must be finite, got {weight}.");
        Count = count; Rate = rate; Weight = weight; Seed = seed;
        Reset(0);
    }

    /// <summary>The synapse whose Arrivals receive the spikes (null when the target is a neuron group).</summary>
    public SynapseDynamics? Target { get; }
    /// <summary>The neuron group whose InputCurrent receives the spikes as charge pulses (null when the target is a synapse).</summary>
    public NeuronGroup? TargetGroup { get; }
    /// <summary>Number of independent trains per neuron.</summary>
    public int Count { get; }
    /// <summary>Rate of each train, Hz. May be changed between steps.</summary>
    public double Rate { get; set; }
    /// <summary>Weight of each spike.</summary>
    public double Weight { get; set; }
    /// <summary>Seed given at construction (combined with the seed passed to Reset).</summary>
    public ulong Seed { get; }
    /// <summary>First post neuron that receives the drive (default 0).</summary>
    public int FirstNeuron { get; init; }
    /// <summary>Number of post neurons that receive the drive, from <see cref="FirstNeuron"/> (default: all).</summary>
    public int NeuronCount { get; init; } = -1;
    /// <summary>Time the drive switches on, ms (default 0).</summary>
    public double StartMs { get; init; }
    /// <summary>Time the drive switches off, ms (default never).</summary>
    public double StopMs { get; init; } = double.PositiveInfinity;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States => [];

    /// <inheritdoc />
    public override void Reset(ulong seed)
    {
        _seed = Philox.StreamId(Seed, seed);
        _stream = Philox.StreamId(Tag);
    }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        double mean = Count * Rate * clock.Dt / 1000.0;
        if (mean != _mean || clock.Dt != _dtCached)
        {
            _mean = mean; _dtCached = clock.Dt;
            _chunks = Math.Max(1, (int)Math.Ceiling(mean / CounterDraws.PoissonChunk));
            _chunkMean = mean / _chunks;
        }
        if (mean == 0 || clock.T < StartMs || clock.T >= StopMs) return;
        var arr = Target is not null ? Target.Arrivals : TargetGroup!.InputCurrent;
        float w = (float)(Target is not null ? Weight : Weight / clock.Dt);
        int size = Size, first = FirstNeuron, count = NeuronCount < 0 ? size - first : NeuronCount;
        if (first < 0 || count < 0 || first + count > size)
            throw new InvalidOperationException($"PoissonInput '{Name}': neurons [{first}, {first + count}) are outside the target of size {size}.");
        ulong baseIndex = (ulong)clock.Step * (ulong)arr.Length * (ulong)_chunks;
        for (int k = 0; k < arr.Length; k++)
        {
            int local = k % size;
            if (local < first || local >= first + count) continue;
            int n = 0;
            for (int c = 0; c < _chunks; c++)
                n += CounterDraws.PoissonSmall(_chunkMean, CounterDraws.Uniform(_seed, _stream, baseIndex + (ulong)(k * _chunks + c)));
            if (n != 0) arr[k] += w * n;
        }
    }
}
