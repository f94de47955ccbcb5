using BrainSharp.Dynamics;

namespace BrainSharp.Running;

/// <summary>
/// Records the spikes of a neuron group as two compact growing arrays (neuron index, step index; time = step x dt),
/// plus a spike count per neuron. With <see cref="Keep"/> = false it keeps only the counts and streams each step's
/// spikes to <see cref="Sink"/>, so memory stays bounded on long runs. Growth doubles the arrays (O(log n) allocations);
/// call <see cref="Reserve"/> to avoid even those.
/// </summary>
public sealed class SpikeMonitor : IRecorder
{
    private int[] _idx = new int[1024];
    private int[] _step = new int[1024];
    private double _dt = double.NaN;

    /// <summary>Monitors <paramref name="group"/>; with <paramref name="sink"/> each step's spikes are also streamed to it.</summary>
    public SpikeMonitor(NeuronGroup group, SpikeHandler? sink = null, bool keep = true)
    {
        ArgumentNullException.ThrowIfNull(group);
        Group = group; Sink = sink; Keep = keep;
        SpikeCounts = new long[group.Size * group.Batch];
    }

    /// <summary>The monitored group.</summary>
    public NeuronGroup Group { get; }

    /// <summary>Optional per-step receiver of the spikes.</summary>
    public SpikeHandler? Sink { get; }

    /// <summary>Whether spikes are kept in memory (<see cref="Indices"/>, <see cref="Steps"/>).</summary>
    public bool Keep { get; }

    /// <summary>Number of kept spikes.</summary>
    public int Count { get; private set; }

    /// <summary>Total number of spikes seen (kept or streamed).</summary>
    public long TotalSpikes { get; private set; }

    /// <summary>Number of steps recorded.</summary>
    public long StepsRecorded { get; private set; }

    /// <summary>Spikes per neuron since creation or <see cref="Clear"/>.</summary>
    public long[] SpikeCounts { get; }

    /// <summary>Neuron index of each kept spike.</summary>
    public ReadOnlySpan<int> Indices => new(_idx, 0, Count);

    /// <summary>Step index of each kept spike (time = step x <see cref="Dt"/>).</summary>
    public ReadOnlySpan<int> Steps => new(_step, 0, Count);

    /// <summary>Time step of the run, ms.</summary>
    public double Dt => _dt;

    /// <summary>Spike times, ms (a new array).</summary>
    public double[] GetTimes()
    {
        var t = new double[Count];
        for (int k = 0; k < Count; k++) t[k] = _step[k] * _dt;
        return t;
    }

    /// <summary>Spike times of neuron <paramref name="neuron"/>, ms (a new array).</summary>
    public double[] TimesOf(int neuron)
    {
        var list = new List<double>();
        for (int k = 0; k < Count; k++) if (_idx[k] == neuron) list.Add(_step[k] * _dt);
        return list.ToArray();
    }

    /// <summary>Mean firing rate over the recorded steps and all neurons, Hz.</summary>
    public double MeanRateHz => StepsRecorded == 0 || SpikeCounts.Length == 0 ? 0 : TotalSpikes / (double)SpikeCounts.Length / (StepsRecorded * _dt / 1000.0);

    /// <summary>Makes room for <paramref name="capacity"/> spikes in total.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _idx.Length) { Array.Resize(ref _idx, capacity); Array.Resize(ref _step, capacity); }
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Clear() { Count = 0; TotalSpikes = 0; StepsRecorded = 0; Array.Clear(SpikeCounts); }

    /// <inheritdoc/>
    public void Attach(Clock clock) => _dt = clock.Dt;

    /// <inheritdoc/>
    public void Record(Clock clock)
    {
        StepsRecorded++;
        var spikes = Group.Spikes.Current;
        int n = spikes.Length;
        if (n == 0) return;
        TotalSpikes += n;
        var counts = SpikeCounts;
        foreach (int i in spikes) counts[i]++;
        Sink?.Invoke(clock.Step, clock.T, spikes);
        if (!Keep) return;
        if (clock.Step > int.MaxValue)
            throw new InvalidOperationException($"SpikeMonitor '{Group.Name}': step {clock.Step} exceeds the kept range; use a sink (Keep = false) for runs this long.");
        if (Count + n > _idx.Length) Reserve(Math.Max(_idx.Length * 2, Count + n));
        spikes.CopyTo(_idx.AsSpan(Count));
        _step.AsSpan(Count, n).Fill((int)clock.Step);
        Count += n;
    }
}
