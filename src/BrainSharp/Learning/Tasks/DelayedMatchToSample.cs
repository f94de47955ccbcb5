using BrainSharp.Random;

namespace BrainSharp.Learning.Tasks;

/// <summary>
/// Delayed match-to-sample (Miller, Erickson &amp; Desimone 1996; layout as neurogym's DelayMatchSample):
/// a sample stimulus, a delay with no stimulus, then a test stimulus; label 1 if the test equals
/// the sample (probability 1/2), else 0. Channels: 0 fixation (1 until the response), then
/// <see cref="Stimuli"/> one-hot stimulus channels (1 while the stimulus is shown) plus Gaussian
/// noise of <see cref="NoiseSigma"/> * sqrt(1 ms / dt) on every stimulus channel at every step.
/// The test stimulus stays on through the response window.
/// Epochs (ms, defaults): fixation 100, sample 200, delay 500, test 200, response 100.
/// </summary>
public sealed class DelayedMatchToSample : CognitiveTask
{
    /// <summary>Number of distinct stimuli.</summary>
    public int Stimuli { get; }
    /// <summary>Noise standard deviation per sqrt(ms).</summary>
    public double NoiseSigma { get; }

    private readonly TrialPeriod[] _periods;

    /// <summary>Creates the task; durations in ms.</summary>
    public DelayedMatchToSample(ulong seed = 0, double dt = 1.0, int stimuli = 4, double noiseSigma = 0.1,
        double fixationMs = 100, double sampleMs = 200, double delayMs = 500, double testMs = 200, double responseMs = 100) : base(seed, dt)
    {
        if (stimuli < 2) throw new ArgumentOutOfRangeException(nameof(stimuli), stimuli, "DelayedMatchToSample: need at least 2 stimuli.");
        CheckNonNegative(noiseSigma, nameof(noiseSigma));
        Stimuli = stimuli; NoiseSigma = noiseSigma;
        _periods = Layout(("fixation", fixationMs), ("sample", sampleMs), ("delay", delayMs), ("test", testMs), ("response", responseMs));
    }

    public override string Name => "delayed-match";
    public override int InputSize => 1 + Stimuli;
    public override int Classes => 2;
    public override int Steps => _periods[^1].End;
    public override IReadOnlyList<TrialPeriod> Periods => _periods;

    protected override int GenerateTrial(ref RandomStream rng, Span<float> x)
    {
        int n = InputSize;
        int sample = rng.NextInt(Stimuli);
        int match = rng.NextDouble() < 0.5 ? 1 : 0;
        int test = match == 1 ? sample : (sample + 1 + rng.NextInt(Stimuli - 1)) % Stimuli;
        double sigma = NoiseSigma * Math.Sqrt(1.0 / Dt);
        for (int t = 0; t < _periods[^1].Start; t++) x[t * n] = 1f;
        for (int t = _periods[1].Start; t < _periods[1].End; t++) x[t * n + 1 + sample] = 1f;
        for (int t = _periods[3].Start; t < _periods[4].End; t++) x[t * n + 1 + test] = 1f;
        if (sigma > 0)
            for (int t = 0; t < Steps; t++)
                for (int c = 1; c < n; c++) x[t * n + c] += (float)(sigma * rng.NextNormal());
        return match;
    }
}
