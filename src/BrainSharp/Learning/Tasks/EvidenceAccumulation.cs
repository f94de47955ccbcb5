using BrainSharp.Random;

namespace BrainSharp.Learning.Tasks;

/// <summary>
/// Evidence accumulation (towers task) of Morcos &amp; Harvey (2016), in the form used by
/// Bellec et al. (2020, Nat. Commun. 11:3625, e-prop, Fig. 3): <see cref="Cues"/> cues of
/// <see cref="CueMs"/> ms separated by <see cref="GapMs"/> ms gaps, each shown on the left or right;
/// then a delay of <see cref="DelayMs"/> ms; then a recall window of <see cref="RecallMs"/> ms in which
/// the network must report the side that got more cues (label 0 = left, 1 = right).
/// Inputs: 4 groups of <see cref="ChannelsPerGroup"/> Poisson channels (left, right, recall, noise).
/// Cue channels fire at <see cref="CueRateHz"/> during their cue, recall channels during the recall
/// window, noise channels at <see cref="NoiseRateHz"/> throughout. Per trial a dominant side is drawn
/// (p = 1/2) and each cue falls on it with probability <see cref="CueProbability"/> (0.7 as in the
/// LSNN code of Bellec et al.). Defaults: 7 cues, 100 ms cues, 50 ms gaps, 1000 ms delay, 150 ms recall,
/// 10 channels per group, 40 Hz cues, 10 Hz noise, dt = 1 ms.
/// </summary>
public sealed class EvidenceAccumulation : CognitiveTask
{
    /// <summary>Number of cues (odd, so there is never a tie).</summary>
    public int Cues { get; }
    /// <summary>Duration of one cue (ms).</summary>
    public double CueMs { get; }
    /// <summary>Gap after each cue (ms).</summary>
    public double GapMs { get; }
    /// <summary>Delay between the last cue period and the recall window (ms).</summary>
    public double DelayMs { get; }
    /// <summary>Recall (response) window (ms).</summary>
    public double RecallMs { get; }
    /// <summary>Channels per input group.</summary>
    public int ChannelsPerGroup { get; }
    /// <summary>Rate of cue and recall channels when on (Hz).</summary>
    public double CueRateHz { get; }
    /// <summary>Rate of the background noise channels (Hz).</summary>
    public double NoiseRateHz { get; }
    /// <summary>Probability that a cue falls on the trial's dominant side.</summary>
    public double CueProbability { get; }

    private readonly TrialPeriod[] _periods;
    private readonly int _cueSteps, _slotSteps;

    /// <summary>Creates the task; all durations in ms, rates in Hz.</summary>
    public EvidenceAccumulation(ulong seed = 0, double dt = 1.0, int cues = 7, double cueMs = 100, double gapMs = 50,
        double delayMs = 1000, double recallMs = 150, int channelsPerGroup = 10, double cueRateHz = 40,
        double noiseRateHz = 10, double cueProbability = 0.7) : base(seed, dt)
    {
        if (cues <= 0 || cues % 2 == 0) throw new ArgumentOutOfRangeException(nameof(cues), cues, "EvidenceAccumulation: number of cues must be positive and odd.");
        if (channelsPerGroup <= 0) throw new ArgumentOutOfRangeException(nameof(channelsPerGroup), channelsPerGroup, "EvidenceAccumulation: channelsPerGroup must be positive.");
        CheckNonNegative(gapMs, nameof(gapMs)); CheckNonNegative(cueRateHz, nameof(cueRateHz)); CheckNonNegative(noiseRateHz, nameof(noiseRateHz));
        CheckProbability(cueProbability, nameof(cueProbability));
        if (cueRateHz * dt * 1e-3 > 1) throw new ArgumentOutOfRangeException(nameof(cueRateHz), cueRateHz, "EvidenceAccumulation: cueRateHz * dt exceeds one spike per step.");
        Cues = cues; CueMs = cueMs; GapMs = gapMs; DelayMs = delayMs; RecallMs = recallMs; ChannelsPerGroup = channelsPerGroup;
        CueRateHz = cueRateHz; NoiseRateHz = noiseRateHz; CueProbability = cueProbability;
        _cueSteps = StepsOf(cueMs);
        _slotSteps = _cueSteps + (gapMs > 0 ? StepsOf(gapMs) : 0);
        var head = Layout(("delay", delayMs), ("response", recallMs));
        int cueTotal = cues * _slotSteps;
        _periods =
        [
            new TrialPeriod("cues", 0, cueTotal),
            new TrialPeriod("delay", cueTotal, cueTotal + head[0].End),
            new TrialPeriod("response", cueTotal + head[1].Start, cueTotal + head[1].End),
        ];
    }

    public override string Name => "evidence-accumulation";
    public override int InputSize => 4 * ChannelsPerGroup;
    public override int Classes => 2;
    public override int Steps => _periods[^1].End;
    public override IReadOnlyList<TrialPeriod> Periods => _periods;

    /// <summary>First step of cue k.</summary>
    public int CueStart(int k) => k * _slotSteps;
    /// <summary>Length of one cue in steps.</summary>
    public int CueSteps => _cueSteps;

    protected override int GenerateTrial(ref RandomStream rng, Span<float> x)
    {
        int n = InputSize, g = ChannelsPerGroup;
        int dominant = rng.NextDouble() < 0.5 ? 0 : 1;
        int rightCount = 0;
        for (int k = 0; k < Cues; k++)
        {
            int side = rng.NextDouble() < CueProbability ? dominant : 1 - dominant;
            rightCount += side;
            int t0 = CueStart(k);
            for (int t = t0; t < t0 + _cueSteps; t++)
                for (int c = 0; c < g; c++) x[t * n + side * g + c] = Spike(ref rng, CueRateHz);
        }
        var resp = _periods[^1];
        for (int t = resp.Start; t < resp.End; t++)
            for (int c = 0; c < g; c++) x[t * n + 2 * g + c] = Spike(ref rng, CueRateHz);
        for (int t = 0; t < Steps; t++)
            for (int c = 0; c < g; c++) x[t * n + 3 * g + c] = Spike(ref rng, NoiseRateHz);
        return 2 * rightCount > Cues ? 1 : 0;
    }
}
