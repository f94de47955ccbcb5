using BrainSharp.Dynamics;

namespace BrainSharp.Inputs;

/// <summary>
/// Emits given spikes: neuron indices[k] spikes at times[k] (ms), in the step whose start time is nearest, i.e. step
/// round(t / dt) (as Brian2's SpikeGeneratorGroup). Usable as the pre side of a projection. Two spikes of one neuron in one
/// step are rejected when the step is first taken (dt is known then). Batch elements all get the same spikes.
/// </summary>
public sealed class SpikeGeneratorGroup : NeuronGroup
{
    private readonly int[] _indices;
    private readonly double[] _times;
    private long[] _steps = [];
    private int[] _order = [];
    private double _dtCached = double.NaN;
    private int _cursor;

    /// <summary>Creates <paramref name="n"/> sources; spike k is neuron <paramref name="indices"/>[k] at <paramref name="times"/>[k] ms (>= 0).</summary>
    public SpikeGeneratorGroup(int n, int[] indices, double[] times) : base(nameof(SpikeGeneratorGroup), n)
    {
        ArgumentNullException.ThrowIfNull(indices); ArgumentNullException.ThrowIfNull(times);
        if (indices.Length != times.Length)
            throw new ArgumentException($"SpikeGeneratorGroup: {indices.Length} indices but {times.Length} times.");
        for (int k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)n) throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"SpikeGeneratorGroup: spike {k} has index {indices[k]}, outside [0, {n}).");
            if (!(times[k] >= 0) || !double.IsFinite(times[k])) throw new ArgumentOutOfRangeException(nameof(times), times[k], $"SpikeGeneratorGroup: spike {k} has time {times[k]} ms, must be finite and >= 0.");
        }
        _indices = (int[])indices.Clone(); _times = (double[])times.Clone();
        States = [new StateVariable("v", "mV", V)];
    }

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed) { _cursor = 0; Spikes.Clear(); _dtCached = double.NaN; }

    private void Schedule(double dt)
    {
        _steps = new long[_times.Length];
        _order = new int[_times.Length];
        for (int k = 0; k < _times.Length; k++) { _steps[k] = (long)Math.Round(_times[k] / dt, MidpointRounding.AwayFromZero); _order[k] = k; }
        // Sort by (step, neuron) so each step's spikes are contiguous and ascending.
        Array.Sort(_order, (a, b) => _steps[a] != _steps[b] ? _steps[a].CompareTo(_steps[b]) : _indices[a].CompareTo(_indices[b]));
        for (int k = 1; k < _order.Length; k++)
        {
            int a = _order[k - 1], b = _order[k];
            if (_steps[a] == _steps[b] && _indices[a] == _indices[b])
                throw new InvalidOperationException($"SpikeGeneratorGroup: neuron {_indices[a]} has two spikes ({_times[a]} and {_times[b]} ms) in step {_steps[a]} (dt = {dt} ms).");
        }
        _dtCached = dt;
        _cursor = 0;
    }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        if (clock.Dt != _dtCached) Schedule(clock.Dt);
        Spikes.Clear();
        long step = clock.Step;
        while (_cursor < _order.Length && _steps[_order[_cursor]] < step) _cursor++;
        while (_cursor < _order.Length && _steps[_order[_cursor]] == step)
        {
            int i = _indices[_order[_cursor++]];
            for (int b = 0; b < Batch; b++) Spikes.Add(b * Size + i);
        }
        Array.Clear(InputCurrent); Array.Clear(InputConductance);
    }
}
