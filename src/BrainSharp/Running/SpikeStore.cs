namespace BrainSharp.Running;

/// <summary>
/// The kept spikes of a <see cref="SpikeMonitor"/>, appended once per step. Neuron indices go into fixed blocks that are
/// filled in turn and never copied while recording, and each step with spikes stores one (step, running count) pair
/// instead of a step index per spike. Growth by doubling used to copy everything and touch twice the fresh memory inside
/// the step loop, in a threaded run inside the serial section where the other workers wait (COBA-64000, 2 threads: 3-11 ms
/// of page faults and copies per 300 ms). Contiguous indices and steps are assembled when read, and kept until the next
/// append. <see cref="Clear"/> keeps the blocks, so a second run writes into memory that is already mapped.
/// </summary>
internal sealed class SpikeStore
{
    private const int BlockSize = 1 << 16;
    private readonly List<int[]> _blocks = new();
    private int _current, _used;                          // block being filled, entries used in it
    private int[] _runStep = new int[256], _runEnd = new int[256];
    private int _runs;
    private int[] _flatIdx = [], _flatStep = [];
    private long _version, _flatVersion = -1;

    /// <summary>Number of spikes held.</summary>
    public int Count { get; private set; }

    /// <summary>Appends the spikes of step <paramref name="step"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<int> spikes, int step)
    {
        if (spikes.IsEmpty) return;
        if ((long)Count + spikes.Length > Array.MaxLength)
            throw new InvalidOperationException($"SpikeMonitor: more than {Array.MaxLength} kept spikes; stream them (Keep = false or an ISpikeSink) for runs this large.");
        while (!spikes.IsEmpty)
        {
            if (_current == _blocks.Count) _blocks.Add(GC.AllocateUninitializedArray<int>(BlockSize));
            int m = Math.Min(spikes.Length, BlockSize - _used);
            spikes[..m].CopyTo(_blocks[_current].AsSpan(_used));
            _used += m; Count += m; spikes = spikes[m..];
            if (_used == BlockSize) { _current++; _used = 0; }
        }
        if (_runs == _runStep.Length)
        {
            Array.Resize(ref _runStep, _runs * 2);
            Array.Resize(ref _runEnd, _runs * 2);
        }
        _runStep[_runs] = step; _runEnd[_runs] = Count; _runs++;
        _version++;
    }

    /// <summary>Neuron index of each spike, in recording order.</summary>
    public ReadOnlySpan<int> Indices { get { Flatten(); return _flatIdx.AsSpan(0, Count); } }

    /// <summary>Step of each spike.</summary>
    public ReadOnlySpan<int> Steps { get { Flatten(); return _flatStep.AsSpan(0, Count); } }

    /// <summary>Allocates blocks for <paramref name="capacity"/> spikes in total.</summary>
    public void Reserve(int capacity)
    {
        while ((long)_blocks.Count * BlockSize < capacity) _blocks.Add(GC.AllocateUninitializedArray<int>(BlockSize));
    }

    /// <summary>Forgets the spikes; keeps the blocks for reuse.</summary>
    public void Clear()
    {
        Count = 0; _current = 0; _used = 0; _runs = 0;
        _version++;
    }

    private void Flatten()
    {
        if (_flatVersion == _version) return;
        if (_flatIdx.Length < Count) { _flatIdx = GC.AllocateUninitializedArray<int>(Count); _flatStep = GC.AllocateUninitializedArray<int>(Count); }
        for (int b = 0, at = 0; at < Count; b++)
        {
            int m = Math.Min(BlockSize, Count - at);
            _blocks[b].AsSpan(0, m).CopyTo(_flatIdx.AsSpan(at));
            at += m;
        }
        for (int r = 0, start = 0; r < _runs; r++)
        {
            _flatStep.AsSpan(start, _runEnd[r] - start).Fill(_runStep[r]);
            start = _runEnd[r];
        }
        _flatVersion = _version;
    }
}
