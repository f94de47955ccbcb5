using BrainSharp.Dynamics;

namespace BrainSharp.Inputs;

/// <summary>
/// A linear ramp: I(t) = from + (to - from) (t - start) / (end - start) for start &lt;= t &lt; end (ms), 0 outside; pA.
/// The same current goes to every neuron of the target.
/// </summary>
public sealed class RampCurrent : CurrentInput
{
    /// <summary>Creates the ramp (times in ms, amplitudes in pA; start &lt; end).</summary>
    public RampCurrent(NeuronGroup target, double start, double end, double from, double to) : base(nameof(RampCurrent), target)
    {
        RequireFiniteTime(nameof(RampCurrent), nameof(start), start);
        RequireFiniteTime(nameof(RampCurrent), nameof(end), end);
        if (!(end > start)) throw new ArgumentOutOfRangeException(nameof(end), end, $"RampCurrent: end ({end} ms) must be after start ({start} ms).");
        RequireFiniteAmplitude(nameof(RampCurrent), nameof(from), from);
        RequireFiniteAmplitude(nameof(RampCurrent), nameof(to), to);
        Start = start; End = end; From = from; To = to;
    }

    /// <summary>Ramp start, ms.</summary>
    public double Start { get; }
    /// <summary>Ramp end, ms.</summary>
    public double End { get; }
    /// <summary>Current at the start, pA.</summary>
    public double From { get; }
    /// <summary>Current approached at the end, pA.</summary>
    public double To { get; }

    /// <summary>The current at time <paramref name="t"/> (ms), pA.</summary>
    public double At(double t) => t >= Start && t < End ? From + (To - From) * (t - Start) / (End - Start) : 0.0;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States => [];

    /// <inheritdoc />
    public override void Reset(ulong seed) { }

    /// <inheritdoc />
    public override void Update(Clock clock) => AddUniform((float)At(clock.T));
}
