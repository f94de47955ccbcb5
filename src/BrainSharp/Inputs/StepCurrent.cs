using BrainSharp.Dynamics;

namespace BrainSharp.Inputs;

/// <summary>
/// A piecewise-constant current made of sections (start, end, amplitude): I(t) = sum of the amplitudes (pA) of the sections
/// with start &lt;= t &lt; end (ms). Overlapping sections add. The same current goes to every neuron of the target.
/// </summary>
public sealed class StepCurrent : CurrentInput
{
    private readonly (double Start, double End, double Amplitude)[] _sections;

    /// <summary>Creates the input; each section needs finite start &lt; end (ms) and a finite amplitude (pA).</summary>
    public StepCurrent(NeuronGroup target, IEnumerable<(double Start, double End, double Amplitude)> sections) : base(nameof(StepCurrent), target)
    {
        ArgumentNullException.ThrowIfNull(sections);
        _sections = sections.ToArray();
        for (int k = 0; k < _sections.Length; k++)
        {
            var (s, e, a) = _sections[k];
            RequireFiniteTime(nameof(StepCurrent), $"sections[{k}].Start", s);
            if (!(e > s)) throw new ArgumentOutOfRangeException(nameof(sections), e, $"StepCurrent: sections[{k}] ends at {e} ms, not after its start {s} ms.");
            RequireFiniteAmplitude(nameof(StepCurrent), $"sections[{k}].Amplitude", a);
        }
    }

    /// <summary>The sections (start ms, end ms, amplitude pA).</summary>
    public IReadOnlyList<(double Start, double End, double Amplitude)> Sections => _sections;

    /// <summary>The current at time <paramref name="t"/> (ms), pA.</summary>
    public double At(double t)
    {
        double sum = 0;
        foreach (var (s, e, a) in _sections) if (t >= s && t < e) sum += a;
        return sum;
    }

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States => [];

    /// <inheritdoc />
    public override void Reset(ulong seed) { }

    /// <inheritdoc />
    public override void Update(Clock clock) => AddUniform((float)At(clock.T));
}
