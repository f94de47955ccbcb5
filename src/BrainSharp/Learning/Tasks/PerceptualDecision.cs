using BrainSharp.Random;

namespace BrainSharp.Learning.Tasks;

/// <summary>
/// Perceptual decision making with noisy evidence (random-dot motion; Britten et al. 1992,
/// Roitman &amp; Shadlen 2002; task layout as neurogym's PerceptualDecisionMaking).
/// Channels: 0 fixation (1 until the response), 1 and 2 evidence for choice 0 and 1. During the
/// stimulus, channel 1 = (1 + c)/2 + noise and channel 2 = (1 - c)/2 + noise, where the signed
/// coherence c = ±coh/100 with coh drawn uniformly from <see cref="Coherences"/> (%); noise is
/// Gaussian with standard deviation <see cref="NoiseSigma"/> * sqrt(1 ms / dt) per step, so the
/// integrated evidence does not depend on dt. Label 0 if c &gt; 0, else 1.
/// Epochs (ms, defaults): fixation 100, stimulus 500, response 100.
/// </summary>
public sealed class PerceptualDecision : CognitiveTask
{
    /// <summary>Coherence levels (%), each drawn with equal probability and random sign.</summary>
    public IReadOnlyList<double> Coherences { get; }
    /// <summary>Noise standard deviation per sqrt(ms) (dimensionless input units).</summary>
    public double NoiseSigma { get; }

    private readonly TrialPeriod[] _periods;
    private readonly double[] _coh;

    /// <summary>Creates the task; durations in ms, coherences in %.</summary>
    public PerceptualDecision(ulong seed = 0, double dt = 1.0, double[]? coherences = null, double noiseSigma = 0.5,
        double fixationMs = 100, double stimulusMs = 500, double responseMs = 100) : base(seed, dt)
    {
        _coh = (double[])(coherences ?? [3.2, 6.4, 12.8, 25.6, 51.2]).Clone();
        if (_coh.Length == 0) throw new ArgumentException("PerceptualDecision: coherences must not be empty.", nameof(coherences));
        foreach (var c in _coh)
            if (!(c >= 0 && c <= 100)) throw new ArgumentOutOfRangeException(nameof(coherences), c, "PerceptualDecision: coherence must lie in [0, 100] %.");
        CheckNonNegative(noiseSigma, nameof(noiseSigma));
        Coherences = _coh; NoiseSigma = noiseSigma;
        _periods = Layout(("fixation", fixationMs), ("stimulus", stimulusMs), ("response", responseMs));
    }

    public override string Name => "perceptual-decision";
    public override int InputSize => 3;
    public override int Classes => 2;
    public override int Steps => _periods[^1].End;
    public override IReadOnlyList<TrialPeriod> Periods => _periods;

    /// <summary>Accuracy of the ideal observer that sums the evidence difference over the stimulus: mean over coherences of Phi(c sqrt(T/2) / sigma_step).</summary>
    public double IdealObserverAccuracy()
    {
        int n = _periods[1].End - _periods[1].Start;
        double sigma = NoiseSigma * Math.Sqrt(1.0 / Dt), acc = 0;
        foreach (var c in _coh)
            acc += sigma == 0 ? (c > 0 ? 1 : 0.5) : NormalCdf(c / 100 * Math.Sqrt(n / 2.0) / sigma);
        return acc / _coh.Length;
    }

    protected override int GenerateTrial(ref RandomStream rng, Span<float> x)
    {
        double coh = _coh[rng.NextInt(_coh.Length)] / 100;
        int label = rng.NextDouble() < 0.5 ? 0 : 1;
        double c = label == 0 ? coh : -coh;
        double sigma = NoiseSigma * Math.Sqrt(1.0 / Dt);
        var stim = _periods[1];
        for (int t = 0; t < _periods[^1].Start; t++) x[t * 3] = 1f;
        for (int t = stim.Start; t < stim.End; t++)
        {
            x[t * 3 + 1] = (float)((1 + c) / 2 + sigma * rng.NextNormal());
            x[t * 3 + 2] = (float)((1 - c) / 2 + sigma * rng.NextNormal());
        }
        return label;
    }

    internal static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    // Numerical Recipes erfc (fractional error < 1.2e-7), enough for an accuracy estimate.
    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
