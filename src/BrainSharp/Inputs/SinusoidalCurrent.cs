using BrainSharp.Dynamics;

namespace BrainSharp.Inputs;

/// <summary>
/// A sinusoidal current I(t) = offset + amplitude sin(2 pi f t / 1000 + phase) (pA; t in ms, f in Hz, phase in rad),
/// the same for every neuron of the target.
/// </summary>
public sealed class SinusoidalCurrent : CurrentInput
{
    /// <summary>Creates the input: amplitude and offset in pA, frequency in Hz (>= 0), phase in rad.</summary>
    public SinusoidalCurrent(NeuronGroup target, double amplitude, double frequency, double phase = 0, double offset = 0) : base(nameof(SinusoidalCurrent), target)
    {
        RequireFiniteAmplitude(nameof(SinusoidalCurrent), nameof(amplitude), amplitude);
        RequireFiniteAmplitude(nameof(SinusoidalCurrent), nameof(offset), offset);
        if (!(frequency >= 0) || !double.IsFinite(frequency)) throw new ArgumentOutOfRangeException(nameof(frequency), frequency, $"SinusoidalCurrent: frequency must be non-negative and finite (Hz), got {frequency}.");
        if (!double.IsFinite(phase)) throw new ArgumentOutOfRangeException(nameof(phase), phase, $"SinusoidalCurrent: phase must be finite (rad), got {phase}.");
        Amplitude = amplitude; Frequency = frequency; Phase = phase; Offset = offset;
    }

    /// <summary>Amplitude, pA.</summary>
    public double Amplitude { get; }
    /// <summary>Frequency, Hz.</summary>
    public double Frequency { get; }
    /// <summary>Phase, rad.</summary>
    public double Phase { get; }
    /// <summary>Constant offset, pA.</summary>
    public double Offset { get; }

    /// <summary>The current at time <paramref name="t"/> (ms), pA.</summary>
    public double At(double t) => Offset + Amplitude * Math.Sin(2 * Math.PI * Frequency * t / 1000.0 + Phase);

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States => [];

    /// <inheritdoc />
    public override void Reset(ulong seed) { }

    /// <inheritdoc />
    public override void Update(Clock clock) => AddUniform((float)At(clock.T));
}
