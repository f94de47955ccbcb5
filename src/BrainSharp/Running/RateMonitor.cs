using BrainSharp.Dynamics;

namespace BrainSharp.Running;

/// <summary>
/// Population rate of a neuron group: spikes per neuron per second (Hz), averaged over bins of <see cref="BinSteps"/> steps.
/// Stores one float per bin.
/// </summary>
public sealed class RateMonitor : IRecorder
{
    private float[] _rates = new float[256];
    private long _binCount;
    private int _inBin;
    private double _dt = double.NaN;

    /// <summary>Monitors <paramref name="group"/> with bins of <paramref name="binSteps"/> steps.</summary>
    public RateMonitor(NeuronGroup group, int binSteps = 1)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (binSteps < 1) throw new ArgumentOutOfRangeException(nameof(binSteps), binSteps, $"RateMonitor '{group.Name}': parameter binSteps must be at least 1, got {binSteps}.");
        Group = group; BinSteps = binSteps;
    }

    /// <summary>The monitored group.</summary>
    public NeuronGroup Group { get; }

    /// <summary>Steps per bin.</summary>
    public int BinSteps { get; }

    /// <summary>Number of completed bins.</summary>
    public int Bins { get; private set; }

    /// <summary>Rate of each completed bin, Hz.</summary>
    public ReadOnlySpan<float> Rates => new(_rates, 0, Bins);

    /// <summary>Bin width, ms.</summary>
    public double BinMs => BinSteps * _dt;

    /// <summary>Mean rate over the completed bins, Hz.</summary>
    public double MeanRateHz
    {
        get
        {
            if (Bins == 0) return 0;
            double s = 0;
            for (int k = 0; k < Bins; k++) s += _rates[k];
            return s / Bins;
        }
    }

    /// <summary>Makes room for <paramref name="bins"/> bins.</summary>
    public void Reserve(int bins)
    {
        if (bins > _rates.Length) Array.Resize(ref _rates, bins);
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Clear() { Bins = 0; _binCount = 0; _inBin = 0; }

    /// <inheritdoc/>
    public void Attach(Clock clock) => _dt = clock.Dt;

    /// <inheritdoc/>
    public void Record(Clock clock)
    {
        _binCount += Group.Spikes.Count;
        if (++_inBin < BinSteps) return;
        if (Bins == _rates.Length) Array.Resize(ref _rates, _rates.Length * 2);
        _rates[Bins++] = (float)(_binCount / (double)Group.Size / (BinSteps * _dt / 1000.0));
        _binCount = 0; _inBin = 0;
    }
}
