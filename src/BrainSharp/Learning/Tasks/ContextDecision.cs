using BrainSharp.Random;

namespace BrainSharp.Learning.Tasks;

/// <summary>
/// Context-dependent decision making (Mante, Sussillo, Shenoy &amp; Newsome 2013): two noisy
/// evidence streams (motion and color) are shown together; a context cue says which one to report.
/// Channels: 0 fixation (1 until the response), 1-2 context one-hot (on through the trial),
/// 3-4 modality 1 evidence ((1 ± c1)/2 + noise), 5-6 modality 2 evidence ((1 ± c2)/2 + noise).
/// Signed coherences c1, c2 are drawn independently from ±<see cref="Coherences"/> (%); noise as in
/// <see cref="PerceptualDecision"/>. Label 0 if the cued modality's coherence is positive, else 1.
/// Epochs (ms, defaults): fixation 100, stimulus 500, response 100.
/// </summary>
public sealed class ContextDecision : CognitiveTask
{
    /// <summary>Coherence levels (%).</summary>
    public IReadOnlyList<double> Coherences { get; }
    /// <summary>Noise standard deviation per sqrt(ms).</summary>
    public double NoiseSigma { get; }

    private readonly TrialPeriod[] _periods;
    private readonly double[] _coh;

    /// <summary>Creates the task; durations in ms, coherences in %.</summary>
    public ContextDecision(ulong seed = 0, double dt = 1.0, double[]? coherences = null, double noiseSigma = 0.5,
        double fixationMs = 100, double stimulusMs = 500, double responseMs = 100) : base(seed, dt)
    {
        _coh = (double[])(coherences ?? [6.4, 12.8, 25.6, 51.2]).Clone();
        if (_coh.Length == 0) throw new ArgumentException("ContextDecision: coherences must not be empty.", nameof(coherences));
        foreach (var c in _coh)
            if (!(c > 0 && c <= 100)) throw new ArgumentOutOfRangeException(nameof(coherences), c, "ContextDecision: coherence must lie in (0, 100] %.");
        CheckNonNegative(noiseSigma, nameof(noiseSigma));
        Coherences = _coh; NoiseSigma = noiseSigma;
        _periods = Layout(("fixation", fixationMs), ("stimulus", stimulusMs), ("response", responseMs));
    }

    public override string Name => "context-decision";
    public override int InputSize => 7;
    public override int Classes => 2;
    public override int Steps => _periods[^1].End;
    public override IReadOnlyList<TrialPeriod> Periods => _periods;

    protected override int GenerateTrial(ref RandomStream rng, Span<float> x)
    {
        const int n = 7;
        int context = rng.NextInt(2);
        double c1 = _coh[rng.NextInt(_coh.Length)] / 100 * (rng.NextDouble() < 0.5 ? 1 : -1);
        double c2 = _coh[rng.NextInt(_coh.Length)] / 100 * (rng.NextDouble() < 0.5 ? 1 : -1);
        double sigma = NoiseSigma * Math.Sqrt(1.0 / Dt);
        for (int t = 0; t < Steps; t++)
        {
            if (t < _periods[^1].Start) x[t * n] = 1f;
            x[t * n + 1 + context] = 1f;
        }
        var stim = _periods[1];
        for (int t = stim.Start; t < stim.End; t++)
        {
            x[t * n + 3] = (float)((1 + c1) / 2 + sigma * rng.NextNormal());
            x[t * n + 4] = (float)((1 - c1) / 2 + sigma * rng.NextNormal());
            x[t * n + 5] = (float)((1 + c2) / 2 + sigma * rng.NextNormal());
            x[t * n + 6] = (float)((1 - c2) / 2 + sigma * rng.NextNormal());
        }
        double cued = context == 0 ? c1 : c2;
        return cued > 0 ? 0 : 1;
    }
}
