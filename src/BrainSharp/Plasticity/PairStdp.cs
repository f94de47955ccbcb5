using BrainSharp.Connectivity;
using BrainSharp.Dynamics;

namespace BrainSharp.Plasticity;

/// <summary>
/// Trace-based pair STDP (Song, Miller &amp; Abbott 2000, Nat Neurosci 3:919; the form of Brian2's STDP example), all-to-all pairing:
///   d a_pre/dt = -a_pre / tau_plus,  d a_post/dt = -a_post / tau_minus          (one trace per neuron, decayed exactly each step)
///   pre spike:  a_pre += A_plus;   w += -a_post * D(w)        (depression by earlier post spikes)
///   post spike: a_post += A_minus; w += a_pre * P(w)           (potentiation by earlier pre spikes)
/// so a single pair with lag dt_s = t_post - t_pre changes w by A_plus exp(-dt_s/tau_plus) (dt_s &gt;= 0) or
/// -A_minus exp(dt_s/tau_minus) (dt_s &lt; 0). Hard bounds: P = D = 1 and w is clipped to [wMin, wMax]; soft bounds:
/// P = (wMax - w)/(wMax - wMin), D = (w - wMin)/(wMax - wMin). Pre spikes of a step are processed before post spikes, so
/// coincident spikes count as pre-before-post. Traces live per neuron because with additive traces the trace of a synapse
/// depends only on its own pre (or post) neuron. Defaults (Song et al. 2000): tau_plus = tau_minus = 20 ms,
/// A_plus = 0.005, A_minus = 1.05 A_plus, wMin = 0, wMax = 1 (weight units, e.g. nS).
/// </summary>
public sealed class PairStdp : SpikeTimingPlasticity
{
    private float[] _aPre = [], _aPost = [];
    private StateVariable[] _states = [];
    private double _dtCached = double.NaN;
    private float _decayPre, _decayPost;

    /// <summary>Creates the rule (units: aPlus, aMinus, wMin, wMax in weight units; tauPlus, tauMinus in ms).</summary>
    public PairStdp(double aPlus = 0.005, double aMinus = 0.00525, double tauPlus = 20, double tauMinus = 20,
                    double wMin = 0, double wMax = 1, WeightBounds bounds = WeightBounds.Hard)
    {
        Check(nameof(aPlus), aPlus, allowZero: true); Check(nameof(aMinus), aMinus, allowZero: true);
        Check(nameof(tauPlus), tauPlus, allowZero: false); Check(nameof(tauMinus), tauMinus, allowZero: false);
        if (!double.IsFinite(wMin)) throw new ArgumentOutOfRangeException(nameof(wMin), wMin, $"PairStdp: wMin must be finite, got {wMin}.");
        if (!(wMax > wMin) || !double.IsFinite(wMax)) throw new ArgumentOutOfRangeException(nameof(wMax), wMax, $"PairStdp: wMax must be finite and greater than wMin = {wMin}, got {wMax}.");
        APlus = aPlus; AMinus = aMinus; TauPlus = tauPlus; TauMinus = tauMinus; WMin = wMin; WMax = wMax; Bounds = bounds;
    }

    private static void Check(string name, double v, bool allowZero)
    {
        if (!(allowZero ? v >= 0 : v > 0) || !double.IsFinite(v))
            throw new ArgumentOutOfRangeException(name, v, $"PairStdp: {name} must be {(allowZero ? "non-negative" : "positive")} and finite, got {v}.");
    }

    /// <summary>Potentiation amplitude (weight units).</summary>
    public double APlus { get; }
    /// <summary>Depression amplitude (weight units, positive).</summary>
    public double AMinus { get; }
    /// <summary>Pre trace time constant, ms.</summary>
    public double TauPlus { get; }
    /// <summary>Post trace time constant, ms.</summary>
    public double TauMinus { get; }
    /// <summary>Lower weight bound.</summary>
    public double WMin { get; }
    /// <summary>Upper weight bound.</summary>
    public double WMax { get; }
    /// <summary>Hard or soft bounds.</summary>
    public WeightBounds Bounds { get; }

    /// <inheritdoc />
    public override void Build(SynapseView synapses, Clock clock) => Build(synapses.NPre, synapses.NPost, clock);

    /// <inheritdoc />
    public override void Update(Clock clock, ReadOnlySpan<int> preSpikes, ReadOnlySpan<int> postSpikes, SynapseView synapses)
        => Step(clock, preSpikes, postSpikes, synapses.RowPtr, synapses.PostIndices, synapses.ColPtr, synapses.ColSynapses, synapses.ColPre, synapses.Weights);

    /// <summary>Allocates the traces for <paramref name="nPre"/> pre and <paramref name="nPost"/> post neurons.</summary>
    public void Build(int nPre, int nPost, Clock clock)
    {
        _aPre = new float[nPre]; _aPost = new float[nPost];
        _states = [new StateVariable("a_pre", "w", _aPre), new StateVariable("a_post", "w", _aPost)];
    }

    /// <summary>Clears the traces.</summary>
    public override void Reset() { Array.Clear(_aPre); Array.Clear(_aPost); }

    /// <summary>Traces a_pre (per pre neuron) and a_post (per post neuron), weight units.</summary>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <summary>
    /// One step: decays the traces, then applies the pre spikes (rows of <paramref name="rowPtr"/>/<paramref name="postIndices"/>)
    /// and the post spikes (columns: synapse ids colSynapses[colPtr[j]..colPtr[j+1]) with pre neurons colPre) to <paramref name="weights"/>.
    /// </summary>
    public void Step(Clock clock, ReadOnlySpan<int> preSpikes, ReadOnlySpan<int> postSpikes,
                     int[] rowPtr, int[] postIndices, int[] colPtr, int[] colSynapses, int[] colPre, float[] weights)
    {
        if (clock.Dt != _dtCached)
        {
            _dtCached = clock.Dt;
            _decayPre = (float)Math.Exp(-clock.Dt / TauPlus);
            _decayPost = (float)Math.Exp(-clock.Dt / TauMinus);
        }
        System.Numerics.Tensors.TensorPrimitives.Multiply(_aPre, _decayPre, _aPre);
        System.Numerics.Tensors.TensorPrimitives.Multiply(_aPost, _decayPost, _aPost);
        float wMin = (float)WMin, wMax = (float)WMax, inv = (float)(1 / (WMax - WMin));
        bool soft = Bounds == WeightBounds.Soft;
        foreach (int i in preSpikes)
        {
            _aPre[i] += (float)APlus;
            for (int s = rowPtr[i]; s < rowPtr[i + 1]; s++)
            {
                float w = weights[s];
                float dw = -_aPost[postIndices[s]];
                if (soft) dw *= (w - wMin) * inv;
                weights[s] = Math.Clamp(w + dw, wMin, wMax);
            }
        }
        foreach (int j in postSpikes)
        {
            _aPost[j] += (float)AMinus;
            for (int c = colPtr[j]; c < colPtr[j + 1]; c++)
            {
                int s = colSynapses[c];
                float w = weights[s];
                float dw = _aPre[colPre[c]];
                if (soft) dw *= (wMax - w) * inv;
                weights[s] = Math.Clamp(w + dw, wMin, wMax);
            }
        }
    }
}
