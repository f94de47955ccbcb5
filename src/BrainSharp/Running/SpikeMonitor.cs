using BrainSharp.Dynamics;

namespace BrainSharp.Running;

/// <summary>
/// Records the spikes of a neuron group (neuron index and step index of each spike; time = step x dt; storage in
/// <see cref="SpikeStore"/>), plus a spike count per neuron. With <see cref="Keep"/> = false it keeps only the counts and
/// streams each step's spikes to <see cref="Sink"/>, so memory stays bounded on long runs. Constructed with an <see cref="ISpikeSink"/> it streams instead: spikes
/// collect in a fixed buffer of <see cref="BufferCapacity"/> spikes that is written to the sink in chunks whenever it is full
/// (memory stays bounded however long the run); call <see cref="Complete"/> at the end to flush and finalise the output.
/// </summary>
public sealed class SpikeMonitor : IRecorder
{
    private readonly SpikeStore _kept = new();
    private double _dt = double.NaN;
    private readonly ISpikeSink? _stream;
    private readonly int[] _bufIdx = [];
    private readonly long[] _bufStep = [];
    private bool _opened, _completed;

    /// <summary>Monitors <paramref name="group"/>; with <paramref name="sink"/> each step's spikes are also streamed to it.</summary>
    public SpikeMonitor(NeuronGroup group, SpikeHandler? sink = null, bool keep = true)
    {
        ArgumentNullException.ThrowIfNull(group);
        Group = group; Sink = sink; Keep = keep;
        _counts = new long[group.Size * group.Batch];
    }

    /// <summary>Monitors <paramref name="group"/> and streams its spikes to <paramref name="stream"/> through a buffer of <paramref name="bufferSpikes"/> spikes (bounded memory).</summary>
    public SpikeMonitor(NeuronGroup group, ISpikeSink stream, int bufferSpikes = 1 << 16) : this(group, sink: null, keep: false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (bufferSpikes < 1)
            throw new ArgumentOutOfRangeException(nameof(bufferSpikes), bufferSpikes, $"SpikeMonitor '{group.Name}': parameter bufferSpikes must be at least 1, got {bufferSpikes}.");
        _stream = stream;
        _bufIdx = new int[bufferSpikes]; _bufStep = new long[bufferSpikes];
    }

    /// <summary>Whether the spikes stream to an <see cref="ISpikeSink"/>.</summary>
    public bool IsStreaming => _stream is not null;

    /// <summary>Spikes held in the stream buffer, not yet written to the sink (at most <see cref="BufferCapacity"/>).</summary>
    public int BufferedSpikes { get; private set; }

    /// <summary>Size of the stream buffer, spikes (0 when not streaming).</summary>
    public int BufferCapacity => _bufIdx.Length;

    /// <summary>Writes the buffered spikes to the sink (streaming only; no-op otherwise).</summary>
    public void Flush()
    {
        if (_stream is null || BufferedSpikes == 0) return;
        _stream.Write(_bufIdx.AsSpan(0, BufferedSpikes), _bufStep.AsSpan(0, BufferedSpikes));
        BufferedSpikes = 0;
    }

    /// <summary>Flushes and finalises the sink (streaming only); the monitor records nothing more afterwards.</summary>
    public void Complete()
    {
        if (_stream is null || _completed) return;
        if (!_opened) throw new InvalidOperationException($"SpikeMonitor '{Group.Name}': the network was never built, so the stream was never opened.");
        Flush();
        _stream.Complete();
        _completed = true;
    }

    /// <summary>The monitored group.</summary>
    public NeuronGroup Group { get; }

    /// <summary>Optional per-step receiver of the spikes.</summary>
    public SpikeHandler? Sink { get; }

    /// <summary>Whether spikes are kept in memory (<see cref="Indices"/>, <see cref="Steps"/>).</summary>
    public bool Keep { get; }

    /// <summary>Number of kept spikes.</summary>
    public int Count => _kept.Count;

    /// <summary>Total number of spikes seen (kept or streamed).</summary>
    public long TotalSpikes { get; private set; }

    /// <summary>Number of steps recorded.</summary>
    public long StepsRecorded { get; private set; }

    /// <summary>
    /// Spikes per neuron since creation or <see cref="Clear"/>. While spikes are kept, the counts are brought up to date from
    /// the kept indices when read (read it again after a run rather than holding the array): the step loop then only appends,
    /// and spares a random increment into an array of N longs per spike, which in a threaded run sits in the serial section
    /// (COBA-64000, 2 threads: ~4 us of the step's ~75 us). Without kept spikes the step counts as it goes.
    /// </summary>
    public long[] SpikeCounts
    {
        get
        {
            if (_counted < Count)
            {
                var idx = _kept.Indices;
                for (; _counted < idx.Length; _counted++) _counts[idx[_counted]]++;
            }
            return _counts;
        }
    }
    private readonly long[] _counts;
    private int _counted; // kept spikes already in _counts

    /// <summary>Neuron index of each kept spike.</summary>
    public ReadOnlySpan<int> Indices => _kept.Indices;

    /// <summary>Step index of each kept spike (time = step x <see cref="Dt"/>).</summary>
    public ReadOnlySpan<int> Steps => _kept.Steps;

    /// <summary>Time step of the run, ms.</summary>
    public double Dt => _dt;

    /// <summary>Spike times, ms (a new array).</summary>
    public double[] GetTimes()
    {
        var steps = Steps;
        var t = new double[steps.Length];
        for (int k = 0; k < t.Length; k++) t[k] = steps[k] * _dt;
        return t;
    }

    /// <summary>Spike times of neuron <paramref name="neuron"/>, ms (a new array).</summary>
    public double[] TimesOf(int neuron)
    {
        var list = new List<double>();
        var idx = Indices; var steps = Steps;
        for (int k = 0; k < idx.Length; k++) if (idx[k] == neuron) list.Add(steps[k] * _dt);
        return list.ToArray();
    }

    /// <summary>Mean firing rate over the recorded steps and all neurons, Hz.</summary>
    public double MeanRateHz => StepsRecorded == 0 || _counts.Length == 0 ? 0 : TotalSpikes / (double)_counts.Length / (StepsRecorded * _dt / 1000.0);

    /// <summary>Makes room for <paramref name="capacity"/> spikes in total.</summary>
    public void Reserve(int capacity) => _kept.Reserve(capacity);

    /// <summary>Forgets everything recorded.</summary>
    public void Clear() { _kept.Clear(); _counted = 0; TotalSpikes = 0; StepsRecorded = 0; Array.Clear(_counts); }

    /// <inheritdoc/>
    public void Attach(Clock clock)
    {
        _dt = clock.Dt;
        if (_stream is null || _opened) return;
        _stream.Open(Group.Name, Group.Size * Group.Batch, clock.Dt);
        _opened = true;
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Record(Clock clock)
    {
        StepsRecorded++;
        var spikes = Group.Spikes.Current;
        int n = spikes.Length;
        if (n == 0) return;
        TotalSpikes += n;
        Sink?.Invoke(clock.Step, clock.T, spikes);
        if (!Keep || _stream is not null)
        {
            var counts = _counts;
            foreach (int i in spikes) counts[i]++;
            if (_stream is not null) Buffer(spikes, clock.Step);
            return;
        }
        if (clock.Step > int.MaxValue)
            throw new InvalidOperationException($"SpikeMonitor '{Group.Name}': step {clock.Step} exceeds the kept range; use a sink (Keep = false) for runs this long.");
        _kept.Append(spikes, (int)clock.Step);
    }

    private void Buffer(ReadOnlySpan<int> spikes, long step)
    {
        if (_completed) throw new InvalidOperationException($"SpikeMonitor '{Group.Name}': the stream was completed; it records nothing more.");
        int cap = _bufIdx.Length;
        for (int off = 0; off < spikes.Length;)
        {
            if (BufferedSpikes == cap) Flush();
            int m = Math.Min(spikes.Length - off, cap - BufferedSpikes);
            spikes.Slice(off, m).CopyTo(_bufIdx.AsSpan(BufferedSpikes));
            _bufStep.AsSpan(BufferedSpikes, m).Fill(step);
            BufferedSpikes += m; off += m;
        }
    }
}
