using BrainSharp.Random;

namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// A random recurrent network of rate units (Sompolinsky, Crisanti &amp; Sommers 1988; as used for FORCE learning by
/// Sussillo &amp; Abbott 2009, Neuron 63:544):
/// <code>
///   tau dx/dt = -x + J r + W_fb z + W_in u,   r = tanh(x)
/// </code>
/// integrated with forward Euler, x += (dt/tau)(-x + ...). J_ij ~ N(0, g^2/(pN)) on a random mask of probability p
/// (stored sparse, row-compressed by postsynaptic unit); W_fb and W_in uniform. z is the readout fed back (supplied by
/// the caller, e.g. <see cref="ForceLearner"/>). Initial x ~ N(0, 0.5^2). Seeded and deterministic. Float64.
/// Parameters and defaults: see <see cref="RateReservoirOptions"/> (tau 10 ms, g 1.5, p 0.1).
/// </summary>
public sealed class RateReservoir
{
    /// <summary>The configuration.</summary>
    public RateReservoirOptions Options { get; }
    /// <summary>Number of units.</summary>
    public int Neurons { get; }
    /// <summary>Activations x (dimensionless).</summary>
    public ReadOnlySpan<double> State => _x;
    /// <summary>Rates r = tanh(x) (dimensionless, in (-1, 1)).</summary>
    public ReadOnlySpan<double> Rates => _r;

    private readonly double[] _x, _r, _rec, _wfb, _win;
    private readonly double[] _jVal;
    private readonly int[] _jCol, _jRowStart;
    private readonly double _leak;

    /// <summary>Draws weights and the initial state from <see cref="RateReservoirOptions.Seed"/>.</summary>
    public RateReservoir(RateReservoirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        int n = Neurons = options.Neurons;
        var rng = new RandomStream(options.Seed, Philox.StreamId(0x5E5, 1));
        double sd = options.Gain / Math.Sqrt(options.ConnectionProbability * n);
        var vals = new List<double>(); var cols = new List<int>();
        _jRowStart = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                if (options.ConnectionProbability >= 1 || rng.NextDouble() < options.ConnectionProbability)
                {
                    vals.Add(sd * rng.NextNormal()); cols.Add(j);
                }
            _jRowStart[i + 1] = vals.Count;
        }
        _jVal = [.. vals]; _jCol = [.. cols];
        _wfb = new double[n * options.Outputs];
        for (int k = 0; k < _wfb.Length; k++) _wfb[k] = options.FeedbackScale * (2 * rng.NextDouble() - 1);
        _win = new double[n * options.Inputs];
        for (int k = 0; k < _win.Length; k++) _win[k] = options.InputScale * (2 * rng.NextDouble() - 1);
        _x = new double[n]; _r = new double[n]; _rec = new double[n];
        for (int i = 0; i < n; i++) { _x[i] = 0.5 * rng.NextNormal(); _r[i] = Math.Tanh(_x[i]); }
        _leak = options.Dt / options.TauMs;
    }

    /// <summary>
    /// Drives the reservoir without feedback through <paramref name="steps"/> steps of <paramref name="inputs"/>
    /// [steps, Inputs] and writes the rates after each step into <paramref name="rates"/> [steps, Neurons] (for a ridge readout).
    /// </summary>
    public void Collect(ReadOnlySpan<double> inputs, int steps, Span<double> rates)
    {
        int nin = Options.Inputs, n = Neurons;
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "RateReservoir.Collect: steps must be positive.");
        if (inputs.Length != (long)steps * nin)
            throw new ArgumentException($"RateReservoir.Collect: inputs length {inputs.Length} != steps*inputs = {(long)steps * nin}.", nameof(inputs));
        if (rates.Length != (long)steps * n)
            throw new ArgumentException($"RateReservoir.Collect: rates length {rates.Length} != steps*neurons = {(long)steps * n}.", nameof(rates));
        for (int t = 0; t < steps; t++)
        {
            Step(nin > 0 ? inputs.Slice(t * nin, nin) : default, default);
            _r.CopyTo(rates.Slice(t * n, n));
        }
    }

    /// <summary>
    /// One Euler step with external input <paramref name="input"/> [Inputs] (empty if none) and fed-back readout
    /// <paramref name="feedback"/> [Outputs] (empty for no feedback).
    /// </summary>
    public void Step(ReadOnlySpan<double> input, ReadOnlySpan<double> feedback)
    {
        int n = Neurons, nin = Options.Inputs, nout = Options.Outputs;
        if (input.Length != nin && !(input.IsEmpty))
            throw new ArgumentException($"RateReservoir.Step: input has {input.Length} channels, the reservoir {nin}.", nameof(input));
        if (feedback.Length != nout && !(feedback.IsEmpty))
            throw new ArgumentException($"RateReservoir.Step: feedback has {feedback.Length} values, the reservoir {nout} outputs.", nameof(feedback));
        double[] r = _r;
        for (int i = 0; i < n; i++)
        {
            double acc = 0;
            for (int q = _jRowStart[i]; q < _jRowStart[i + 1]; q++) acc += _jVal[q] * r[_jCol[q]];
            for (int k = 0; k < feedback.Length; k++) acc += _wfb[i * nout + k] * feedback[k];
            for (int c = 0; c < input.Length; c++) acc += _win[i * nin + c] * input[c];
            _rec[i] = acc;
        }
        for (int i = 0; i < n; i++)
        {
            _x[i] += _leak * (_rec[i] - _x[i]);
            r[i] = Math.Tanh(_x[i]);
        }
    }
}
