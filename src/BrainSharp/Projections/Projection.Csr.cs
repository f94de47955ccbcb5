using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BrainSharp.Connectivity;

namespace BrainSharp.Projections;

/// <summary>
/// CSR delivery: the row layouts a build chooses (<see cref="LayOutRows"/>) and the loops that deliver from them, with
/// their prefetching. At 64000 neurons the rows are megabytes of indices that this machine serves from memory, so the
/// layouts are about how many cache lines a spiking row costs (design-perf8.md, design-perf10.md).
/// </summary>
public sealed partial class Projection
{
    /// <summary>
    /// Lays out the CSR rows for delivery. Several workers each deliver their own share of the targets: a split table gives
    /// each row's segment per worker, and with constant weights and one delay each worker's segments are copied out on
    /// their own, into line-aligned slots (<see cref="PaddedRows"/>) where that is allowed, else packed with their own row
    /// pointers. Whole rows (one worker, or a coupling only worker 0 delivers) go into slots where allowed.
    /// </summary>
    private void LayOutRows(int nPre, int nPost)
    {
        _split = null; _wIdx16 = null; _wRowPtr = null; _padded = null; _wPadded = null; // (a rebuild starts afresh)
        if (Storage != ConnectivityStorage.Csr) return;
        var rowPtr = _rowPtr!; var postIdx = _postIdx!;
        bool targetsOnly = _postIdx16 is not null && _weights is null && !_perSynapseDelay && _gating is null;
        if (_workers > 1 && _partitioned)
        {
            // Where each row enters each worker's post range: delivery then needs no search.
            int stride = _workers + 1;
            var split = new int[nPre * stride];
            for (int i = 0; i < nPre; i++)
            {
                int s = rowPtr[i], e = rowPtr[i + 1];
                for (int w = 0; w <= _workers; w++)
                {
                    int bound = w == _workers ? nPost : _range.Start(w);
                    while (s < e && postIdx[s] < bound) s++;
                    split[i * stride + w] = w == _workers ? e : s;
                }
            }
            _split = split;
            if (!targetsOnly) return;
            // Delivery needs only the targets: each worker's segments of all rows are stored together, so a worker fetches
            // only its own (a half row no longer shares lines with the other worker's half) and needs neither the split
            // table nor the canonical 16-bit copy.
            var idx16 = _postIdx16!;
            _postIdx16 = null; _split = null;
            if (UsePaddedRows)
            {
                var padded = new PaddedRows?[_workers];
                for (int w = 0; w < _workers; w++) padded[w] = PaddedRows.TryBuild(idx16, split, stride, w, nPre);
                if (padded.All(p => p is not null)) { _wPadded = padded!; return; }
            }
            // Packed segments with their own row pointers (where slots would waste too much).
            _wIdx16 = new ushort[_workers][]; _wRowPtr = new int[_workers][];
            for (int w = 0; w < _workers; w++)
            {
                var ptr = new int[nPre + 1];
                for (int i = 0; i < nPre; i++) ptr[i + 1] = ptr[i] + split[i * stride + w + 1] - split[i * stride + w];
                var idx = new ushort[ptr[nPre]];
                for (int i = 0; i < nPre; i++)
                    idx16.AsSpan(split[i * stride + w], ptr[i + 1] - ptr[i]).CopyTo(idx.AsSpan(ptr[i]));
                _wIdx16[w] = idx; _wRowPtr[w] = ptr;
            }
            return;
        }
        if (targetsOnly && UsePaddedRows)
        {
            _padded = PaddedRows.TryBuild(_postIdx16!, rowPtr, 1, 0, nPre);
            if (_padded is not null) _postIdx16 = null;
        }
    }

    /// <summary>
    /// Whether the build may keep constant-weight CSR rows in line-aligned slots (<see cref="PaddedRows"/>); false keeps
    /// plain CSR (tests compare the two). The environment variable BRAINSHARP_PADDED_ROWS=0 sets the default to false,
    /// so that `bench ... ab` can alternate both layouts in one process; results are the same either way.
    /// </summary>
    internal bool UsePaddedRows { get; init; } = Environment.GetEnvironmentVariable("BRAINSHARP_PADDED_ROWS") != "0";

    /// <summary>
    /// Whether this projection can be delivered by a <see cref="SourceBundle"/> on several workers: fused into its target,
    /// one constant weight (per-worker slots), no short-term plasticity, no presynaptic gating, no per-synapse delay.
    /// </summary>
    internal bool CanJoinBundle => _wPadded is not null && _fused && ShortTerm is null && _gating is null && _dendriticRing is null;

    /// <summary>Whether a <see cref="SourceBundle"/> delivers this projection (its own per-worker rows are then released).</summary>
    internal bool InBundle { get; private set; }

    /// <summary>Hands delivery to a bundle that has copied this projection's per-worker rows.</summary>
    internal void JoinBundle() { _wPadded = null; InBundle = true; }

    /// <summary>Worker <paramref name="w"/>'s segments in slots (only where <see cref="CanJoinBundle"/>).</summary>
    internal PaddedRows WorkerRows(int w) => _wPadded![w];

    /// <summary>The weight every synapse carries (constant-weight projections).</summary>
    internal float ConstantWeight => _wConst;

    /// <summary>The spikes due this step (after <see cref="CollectSpikes"/>) and how many.</summary>
    internal int[] DueSpikes => _due;

    /// <inheritdoc cref="DueSpikes"/>
    internal int DueCount => _dueCount;

    /// <summary>Where this step's deliveries go (see DeliveryTarget).</summary>
    internal float[] DeliveryArray => DeliveryTarget;

    /// <summary>Whether this projection delivers from padded rows (a diagnostic for tests and probes).</summary>
    internal bool DeliversFromPaddedRows => _padded is not null || _wPadded is not null;

    /// <summary>
    /// Delivery of the due rows from slots: as <see cref="DeliverRows{TIndex}"/> with constant weights, in the same order, but
    /// a row's place follows from its index, so the prefetch a few spikes ahead needs no bounds (only the row length, from
    /// a byte array small enough to stay cached).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverPadded(PaddedRows rows)
    {
        ref float ar = ref MemoryMarshal.GetArrayDataReference(DeliveryTarget);
        ref ushort post = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rows.Slots), rows.Base);
        var len = rows.Lengths;
        int cap = rows.Cap, n = _dueCount;
        var due = _due; var eff = _dueEff;
        if (_workers > 1)
            for (int k = 0; k < Math.Min(RowsAhead, n); k++) PrefetchPaddedRow(rows, due[k]);
        for (int k = 0; k < n; k++)
        {
            if (k + RowsAhead < n) PrefetchPaddedRow(rows, due[k + RowsAhead]);
            int i = due[k];
            float wv = eff is null ? _wConst : _wConst * eff[k];
            AddToTargets(ref ar, ref post, i * cap, i * cap + len[i], wv);
        }
    }

    /// <summary>
    /// ar[post[s]] += w for s in [start, end): one row's (or one segment's) targets, which are distinct, so the four-way
    /// unrolled adds are independent (same sums, same order per target).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddToTargets<TIndex>(ref float ar, ref TIndex post, int start, int end, float w)
        where TIndex : unmanaged, System.Numerics.IBinaryInteger<TIndex>
    {
        int s = start;
        for (; s + 4 <= end; s += 4)
        {
            Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s))) += w;
            Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s + 1))) += w;
            Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s + 2))) += w;
            Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s + 3))) += w;
        }
        for (; s < end; s++) Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s))) += w;
    }

    /// <summary>Prefetches the lines of row <paramref name="i"/>'s targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchPaddedRow(PaddedRows rows, int i)
    {
        int s = rows.Base + i * rows.Cap;
        PrefetchSpan(ref MemoryMarshal.GetArrayDataReference(rows.Slots), s, s + rows.Lengths[i]);
    }

    /// <summary>
    /// Starts fetching the rows of the first spikes due: every coupling collects its spikes before any delivers, so these
    /// fetches overlap the deliveries of the couplings before this one (delivery itself prefetches the rest, see RowsAhead).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PrefetchFirstRows()
    {
        if (_rowPtr is null || _dendriticRing is not null || _gating is not null || _dense is not null) return;
        int m = Math.Min(_dueCount, RowsAhead);
        if (_padded is not null)
        {
            for (int k = 0; k < m; k++) PrefetchPaddedRow(_padded, _due[k]);
            return;
        }
        for (int k = 0; k < m; k++)
        {
            int s = _rowPtr[_due[k]], e = _rowPtr[_due[k] + 1];
            if (_postIdx16 is not null) PrefetchSpan(ref MemoryMarshal.GetArrayDataReference(_postIdx16), s, e);
            else PrefetchSpan(ref MemoryMarshal.GetArrayDataReference(_postIdx!), s, e);
            if (_weights is not null) PrefetchSpan(ref MemoryMarshal.GetArrayDataReference(_weights), s, e);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverCsr(int worker, int a, int b)
    {
        if (_wPadded is not null) { DeliverPadded(_wPadded[worker]); return; }
        if (_padded is not null) { DeliverPadded(_padded); return; }
        if (_wIdx16 is not null) { DeliverRows(_wIdx16[worker], _wRowPtr![worker], 1, 0); return; }
        // Whole rows by the CSR row pointers, or this worker's segments by the split table.
        int[] bounds = _split ?? _rowPtr!;
        int stride = _split is null ? 1 : _workers + 1, off = _split is null ? 0 : worker;
        if (_postIdx16 is not null) DeliverRows(_postIdx16, bounds, stride, off);
        else DeliverRows(_postIdx!, bounds, stride, off);
    }

    /// <summary>
    /// CSR delivery over either index width (the JIT compiles one specialised loop per width): the due rows' segments
    /// [bounds[i stride + off], bounds[i stride + off + 1]) of <paramref name="postIndices"/> (and of the weights).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverRows<TIndex>(TIndex[] postIndices, int[] bounds, int stride, int off) where TIndex : unmanaged, System.Numerics.IBinaryInteger<TIndex>
    {
        var arr = DeliveryTarget;
        ref float ar = ref MemoryMarshal.GetArrayDataReference(arr);
        ref TIndex post = ref MemoryMarshal.GetArrayDataReference(postIndices);
        var due = _due; var eff = _dueEff;
        if (_workers > 1)
            for (int k = 0; k < Math.Min(RowsAhead, _dueCount); k++)
            {
                PrefetchRow(ref post, bounds, due[k] * stride + off);
                if (_weights is not null) PrefetchRow(ref MemoryMarshal.GetArrayDataReference(_weights), bounds, due[k] * stride + off);
            }
        if (_weights is null)
        {
            for (int k = 0; k < _dueCount; k++)
            {
                int i = due[k];
                if (k + BoundsAhead < _dueCount) PrefetchBounds(bounds, due[k + BoundsAhead] * stride + off);
                if (k + RowsAhead < _dueCount) PrefetchRow(ref post, bounds, due[k + RowsAhead] * stride + off);
                float wv = eff is null ? _wConst : _wConst * eff[k];
                AddToTargets(ref ar, ref post, bounds[i * stride + off], bounds[i * stride + off + 1], wv);
            }
        }
        else
        {
            ref float wr = ref MemoryMarshal.GetArrayDataReference(_weights);
            for (int k = 0; k < _dueCount; k++)
            {
                int i = due[k];
                if (k + BoundsAhead < _dueCount) PrefetchBounds(bounds, due[k + BoundsAhead] * stride + off);
                if (k + RowsAhead < _dueCount)
                {
                    int at = due[k + RowsAhead] * stride + off;
                    PrefetchRow(ref post, bounds, at);
                    PrefetchRow(ref wr, bounds, at);
                }
                float sc = eff is null ? 1f : eff[k];
                int s = bounds[i * stride + off], e = bounds[i * stride + off + 1];
                for (; s + 4 <= e; s += 4)
                {
                    Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s))) += Unsafe.Add(ref wr, s) * sc;
                    Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s + 1))) += Unsafe.Add(ref wr, s + 1) * sc;
                    Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s + 2))) += Unsafe.Add(ref wr, s + 2) * sc;
                    Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s + 3))) += Unsafe.Add(ref wr, s + 3) * sc;
                }
                for (; s < e; s++) Unsafe.Add(ref ar, int.CreateTruncating(Unsafe.Add(ref post, s))) += Unsafe.Add(ref wr, s) * sc;
            }
        }
    }

    /// <summary>
    /// How many spikes ahead delivery prefetches rows. A spiking neuron's row lies at a random place in an index array of
    /// megabytes (10 MB at 64000 neurons), so each row begins with a cache miss to memory that the four-way unrolled adds
    /// cannot hide; fetching the rows a few spikes ahead overlaps those misses with the current row's adds (COBA-64000
    /// loop -30 to -40 %, no change at 4000 neurons where the rows stay in cache; benchmarks.md, session 4).
    /// </summary>
    internal const int RowsAhead = 4;

    /// <summary>
    /// How many spikes ahead delivery prefetches row bounds (row pointers). Prefetching a row reads its bounds, a demand
    /// load that stalls when they miss; at 64000 neurons the row-pointer arrays (200 KB per projection, and per worker
    /// on several threads) do not stay in L2. Fetching them twice as far ahead as the rows took 8-13 % off the COBA-64000
    /// loop on 1 and 2 threads (in-process A/Bs in both orders), and nothing measurable at 4000 neurons (design-perf8.md).
    /// </summary>
    private const int BoundsAhead = 2 * RowsAhead;

    /// <summary>Prefetches bounds[at] and bounds[at + 1], a row's segment limits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchBounds(int[] bounds, int at) => PrefetchSpan(ref MemoryMarshal.GetArrayDataReference(bounds), at, at + 2);

    /// <summary>Prefetches the cache lines of the row segment [bounds[at], bounds[at + 1]) of <paramref name="data"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRow<T>(ref T data, int[] bounds, int at) where T : unmanaged
        => PrefetchSpan(ref data, bounds[at], bounds[at + 1]);

    /// <summary>Prefetches the cache lines of data[start, end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void PrefetchSpan<T>(ref T data, int start, int end) where T : unmanaged
    {
        // A prefetch never faults, so an address the GC has since moved costs nothing but a wasted fetch.
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported || end <= start) return;
        byte* p = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref data, start));
        byte* last = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref data, end)) - 1;
        for (; p < last; p += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch0(p);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(last);
    }
}
