using BrainSharp.Random;

namespace BrainSharp.Learning.Tasks;

/// <summary>
/// Parametric working memory (Romo, Brody, Hernández &amp; Lemus 1999, vibrotactile flutter
/// discrimination): a first frequency f1, a delay, a second frequency f2; label 1 if f1 &gt; f2, else 0.
/// f1 is drawn from <see cref="Frequencies"/> (Hz) and f2 = f1 ± <see cref="DeltaHz"/> (the sign that
/// stays inside [min, max] of the list, random when both do). Channels: 0 fixation (1 until the
/// response), 1 stimulus = f / max(Frequencies) while a stimulus is on, plus Gaussian noise of
/// <see cref="NoiseSigma"/> * sqrt(1 ms / dt) per step during the stimuli (analog encoding as in neurogym).
/// Epochs (ms, defaults): fixation 100, f1 200, delay 500, f2 200, response 100.
/// </summary>
public sealed class ParametricWorkingMemory : CognitiveTask
{
    /// <summary>Base frequencies (Hz).</summary>
    public IReadOnlyList<double> Frequencies { get; }
    /// <summary>Difference between f1 and f2 (Hz).</summary>
    public double DeltaHz { get; }
    /// <summary>Noise standard deviation per sqrt(ms).</summary>
    public double NoiseSigma { get; }

    private readonly TrialPeriod[] _periods;
    private readonly double[] _freq;
    private readonly double _fmin, _fmax;

    /// <summary>Creates the task; durations in ms, frequencies in Hz.</summary>
    public ParametricWorkingMemory(ulong seed = 0, double dt = 1.0, double[]? frequencies = null, double deltaHz = 8,
        double noiseSigma = 0.1, double fixationMs = 100, double f1Ms = 200, double delayMs = 500, double f2Ms = 200,
        double responseMs = 100) : base(seed, dt)
    {
        _freq = (double[])(frequencies ?? [10, 14, 18, 22, 26, 30, 34]).Clone();
        if (_freq.Length == 0) throw new ArgumentException("ParametricWorkingMemory: frequencies must not be empty.", nameof(frequencies));
        foreach (var f in _freq)
            if (!(f > 0) || !double.IsFinite(f)) throw new ArgumentOutOfRangeException(nameof(frequencies), f, "ParametricWorkingMemory: frequencies must be positive (Hz).");
        _fmin = _freq.Min(); _fmax = _freq.Max();
        if (!(deltaHz > 0) || deltaHz > _fmax - _fmin)
            throw new ArgumentOutOfRangeException(nameof(deltaHz), deltaHz, $"ParametricWorkingMemory: deltaHz must be positive and at most the frequency range {_fmax - _fmin} Hz.");
        CheckNonNegative(noiseSigma, nameof(noiseSigma));
        Frequencies = _freq; DeltaHz = deltaHz; NoiseSigma = noiseSigma;
        _periods = Layout(("fixation", fixationMs), ("f1", f1Ms), ("delay", delayMs), ("f2", f2Ms), ("response", responseMs));
    }

    public override string Name => "parametric-wm";
    public override int InputSize => 2;
    public override int Classes => 2;
    public override int Steps => _periods[^1].End;
    public override IReadOnlyList<TrialPeriod> Periods => _periods;

    /// <summary>The stimulus channel's mean value for frequency <paramref name="hz"/>.</summary>
    public double Encode(double hz) => hz / _fmax;

    protected override int GenerateTrial(ref RandomStream rng, Span<float> x)
    {
        double f1 = _freq[rng.NextInt(_freq.Length)];
        bool up = f1 + DeltaHz <= _fmax, down = f1 - DeltaHz >= _fmin;
        double sign = up && down ? (rng.NextDouble() < 0.5 ? 1 : -1) : up ? 1 : -1;
        double f2 = f1 + sign * DeltaHz;
        double sigma = NoiseSigma * Math.Sqrt(1.0 / Dt);
        for (int t = 0; t < _periods[^1].Start; t++) x[t * 2] = 1f;
        for (int t = _periods[1].Start; t < _periods[1].End; t++) x[t * 2 + 1] = (float)(Encode(f1) + sigma * rng.NextNormal());
        for (int t = _periods[3].Start; t < _periods[3].End; t++) x[t * 2 + 1] = (float)(Encode(f2) + sigma * rng.NextNormal());
        return f1 > f2 ? 1 : 0;
    }
}
