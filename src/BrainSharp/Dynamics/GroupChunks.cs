using System.Runtime.CompilerServices;

namespace BrainSharp.Dynamics;

/// <summary>
/// One neuron group's share of the threaded step: each worker's partition (<see cref="Partition"/>) cut into aligned
/// chunks that workers claim one at a time, each chunk writing its spikes into its own segment.
/// </summary>
/// <remarks>
/// Why chunks: a static split makes every step wait for the slower worker, and on shared or virtual cores the slower
/// one changes from millisecond to millisecond (a vCPU loses time to the host, an interrupt lands). A worker that has
/// finished its own chunks claims the unclaimed chunks of another worker's share, once that worker has delivered the
/// previous step's spikes into its targets (<see cref="Network"/> tracks that). Results do not depend on who updates a
/// chunk: every neuron goes through the same vector arithmetic whatever the range (boundaries are multiples of
/// <see cref="Partition.Alignment"/>), and the spike list is the chunks' segments concatenated in chunk order, i.e.
/// ascending neuron index as on one thread. A group is shared only when nothing else is per worker range in its update
/// (all its couplings are evaluated inside the group's kernel); otherwise each worker's share is one chunk only it claims.
/// </remarks>
internal sealed class GroupChunks
{
    /// <summary>Smallest chunk worth a claim (an atomic increment and a kernel call, ~50-100 ns, against ~1 us of work).</summary>
    private const int MinChunk = 1024;

    /// <summary>Chunks per worker share when the group may be shared: enough to even out a few microseconds of lag per step.</summary>
    private const int ChunksPerShare = 4;

    private readonly int[] _first;  // worker w's chunks are [_first[w], _first[w + 1])
    private readonly int[] _claims; // per worker share: chunks claimed so far this step, padded against false sharing

    /// <summary>Chunk c covers neurons [Starts[c], Starts[c + 1]).</summary>
    public readonly int[] Starts;

    /// <summary>Spike segment of each chunk (its capacity is the chunk's size).</summary>
    public readonly int[][] Spikes;

    // Spikes written into each chunk's segment this step, one cache line apart: the chunks of different workers are
    // written by different cores in the same phase, and packed counts made every write a cache-line transfer between
    // them (COBA-64000 on 2 threads: loop 4 % shorter padded, 10 % at 32000 neurons; design-perf8.md).
    private readonly int[] _counts;

    /// <summary>Whether workers other than the owner may claim a share's chunks.</summary>
    public bool Shared { get; }

    public GroupChunks(Partition partition, bool shared)
    {
        int workers = partition.Workers;
        Shared = shared && workers > 1;
        var starts = new List<int>();
        _first = new int[workers + 1];
        for (int w = 0; w < workers; w++)
        {
            _first[w] = starts.Count;
            int a = partition.Start(w), b = partition.End(w), n = b - a;
            int pieces = Shared ? Math.Clamp(n / MinChunk, 1, ChunksPerShare) : 1;
            for (int k = 0; k < pieces; k++)
            {
                int s = a + (int)((long)n * k / pieces) / Partition.Alignment * Partition.Alignment;
                if (k == 0 || s > starts[^1]) starts.Add(k == 0 ? a : s);
            }
        }
        _first[workers] = starts.Count;
        starts.Add(partition.Size);
        Starts = starts.ToArray();
        int chunks = Starts.Length - 1;
        Spikes = new int[chunks][];
        for (int c = 0; c < chunks; c++) Spikes[c] = new int[Starts[c + 1] - Starts[c]];
        _counts = new int[chunks * 16];
        _claims = new int[workers * 16];
    }

    /// <summary>Number of chunks.</summary>
    public int Count => Starts.Length - 1;

    /// <summary>Spikes in chunk <paramref name="chunk"/>'s segment this step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SpikeCount(int chunk) => _counts[chunk * 16];

    /// <summary>Records that chunk <paramref name="chunk"/>'s segment holds <paramref name="count"/> spikes this step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetSpikeCount(int chunk, int count) => _counts[chunk * 16] = count;

    /// <summary>Claims the next unclaimed chunk of worker <paramref name="owner"/>'s share; false when none is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(int owner, out int chunk)
    {
        int k = Interlocked.Increment(ref _claims[owner * 16]) - 1;
        chunk = _first[owner] + k;
        return chunk < _first[owner + 1];
    }

    /// <summary>Whether worker <paramref name="owner"/>'s share still has unclaimed chunks (a hint: a claim may still fail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasUnclaimed(int owner) => _first[owner] + Volatile.Read(ref _claims[owner * 16]) < _first[owner + 1];

    /// <summary>Makes every chunk claimable again; only while no worker claims (the step's serial section).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ResetClaims()
    {
        for (int w = 0; w + 1 < _first.Length; w++) _claims[w * 16] = 0;
    }
}
