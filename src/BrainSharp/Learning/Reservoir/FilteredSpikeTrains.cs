using System.Numerics.Tensors;
using BrainSharp.Dynamics;

namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// Recorder of exponentially filtered spike trains, r_j(t) = (1000 / tau) sum_k exp(-(t - t_k) / tau) (Hz), over
/// several groups laid end to end: each step decays every trace by exp(-dt / tau), then adds 1000 / tau per spike.
/// No allocation per step.
/// </summary>
internal sealed class FilteredSpikeTrains : IRecorder
{
    private readonly NeuronGroup[] _groups;
    private readonly int[] _offsets;
    private readonly double[] _r;
    private readonly double _tau;
    private double _decay = double.NaN, _jump;

    public FilteredSpikeTrains(double tauMs, params NeuronGroup[] groups)
    {
        _groups = groups; _tau = tauMs;
        _offsets = new int[groups.Length];
        int n = 0;
        for (int g = 0; g < groups.Length; g++) { _offsets[g] = n; n += groups[g].Size; }
        _r = new double[n];
    }

    /// <summary>Current filtered rates, Hz, in group order.</summary>
    public ReadOnlySpan<double> Rates => _r;

    /// <summary>Spikes recorded since construction or <see cref="Clear"/>.</summary>
    public long TotalSpikes { get; private set; }

    public void Attach(Clock clock)
    {
        _decay = Math.Exp(-clock.Dt / _tau);
        _jump = 1000.0 / _tau;
    }

    public void Clear() { Array.Clear(_r); TotalSpikes = 0; }

    public void Record(Clock clock)
    {
        TensorPrimitives.Multiply(_r, _decay, _r);
        for (int g = 0; g < _groups.Length; g++)
        {
            var spikes = _groups[g].Spikes.Current;
            int off = _offsets[g];
            foreach (int i in spikes) _r[off + i] += _jump;
            TotalSpikes += spikes.Length;
        }
    }
}
