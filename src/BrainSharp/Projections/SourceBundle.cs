using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BrainSharp.Dynamics;

namespace BrainSharp.Projections;

/// <summary>
/// One unit of threaded delivery: a worker's share of every projection from one source group (COBA's E->E and E->I),
/// with each spiking row's segments of all member projections stored together in one line-aligned slot.
/// </summary>
/// <remarks>
/// Why: on several workers each worker visits every spiking row once per projection, for its own share of the targets,
/// and those segments are short (COBA-64000 on 2 workers: 32 targets of E->E, 8 of E->I). A visit costs at least a line
/// from memory and a length lookup, however short the segment; a C model of the COBA-64000 step ran 20 % slower on 2
/// threads with the two segments in separate rows than in one (0.38 against 0.31 s), and no slower on 1 thread
/// (design-perf10.md). Members must be fused, have one constant weight, no short-term plasticity and one common
/// homogeneous delay: their due spikes are then the same list, and every add goes into a member's own conductance
/// array in spike order, exactly as when each member delivers alone.
/// </remarks>
internal sealed class SourceBundle : DeliveryUnit
{
    private readonly Projection[] _members;
    private readonly float[] _weights;
    private readonly ushort[][] _slots; // per worker: row i's segments at [_base[w] + i * _cap[w]], member after member
    private readonly int[] _base, _cap;
    private readonly byte[][] _lengths; // per worker: [i * members + m], member m's segment length in row i
    private readonly float[][][] _targets; // per share: the members' delivery arrays, looked up once per step (one worker per share at a time)

    private SourceBundle(Projection[] members, ushort[][] slots, int[] @base, int[] cap, byte[][] lengths)
    {
        _members = members;
        _weights = members.Select(p => p.ConstantWeight).ToArray();
        _slots = slots; _base = @base; _cap = cap; _lengths = lengths;
        _targets = new float[slots.Length][][];
        for (int w = 0; w < slots.Length; w++) _targets[w] = new float[members.Length][];
    }

    /// <summary>The member projections, in network order.</summary>
    public IReadOnlyList<Projection> Members => _members;

    /// <summary>
    /// Bundles <paramref name="members"/> (same source, each <see cref="Projection.CanJoinBundle"/>, same delay), or returns
    /// null where the combined slots would take more than four times their indices plus a line per row.
    /// </summary>
    public static SourceBundle? TryBuild(Projection[] members, int workers)
    {
        int m = members.Length, nRows = members[0].Source.Size;
        var slots = new ushort[workers][]; var bases = new int[workers]; var caps = new int[workers]; var lengths = new byte[workers][];
        for (int w = 0; w < workers; w++)
        {
            var rows = members.Select(p => p.WorkerRows(w)).ToArray();
            int maxLen = 0; long total = 0;
            for (int i = 0; i < nRows; i++)
            {
                int len = 0;
                foreach (var r in rows) len += r.Lengths[i];
                maxLen = Math.Max(maxLen, len); total += len;
            }
            var s = PaddedRows.AllocateSlots(maxLen, total, nRows, out int cap, out int b);
            if (s is null) return null;
            var lens = new byte[nRows * m];
            for (int i = 0; i < nRows; i++)
            {
                var slot = s.AsSpan(b + i * cap, cap);
                int at = 0;
                for (int k = 0; k < m; k++)
                {
                    var row = rows[k].Row(i);
                    row.CopyTo(slot[at..]);
                    lens[i * m + k] = (byte)row.Length;
                    at += row.Length;
                }
                slot[at..].Clear();
            }
            slots[w] = s; bases[w] = b; caps[w] = cap; lengths[w] = lens;
        }
        return new SourceBundle(members, slots, bases, caps, lengths);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Deliver(Clock clock, int share)
    {
        var lead = _members[0];
        var due = lead.DueSpikes; int n = lead.DueCount;
        int m = _members.Length, cap = _cap[share];
        ref ushort post = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots[share]), _base[share]);
        var lens = _lengths[share];
        var targets = _targets[share];
        for (int q = 0; q < m; q++) targets[q] = _members[q].DeliveryArray;
        for (int k = 0; k < Math.Min(Projection.RowsAhead, n); k++) Prefetch(ref post, lens, due[k], m, cap);
        for (int k = 0; k < n; k++)
        {
            if (k + Projection.RowsAhead < n) Prefetch(ref post, lens, due[k + Projection.RowsAhead], m, cap);
            int i = due[k], s = i * cap;
            for (int q = 0; q < m; q++)
            {
                int e = s + lens[i * m + q];
                Projection.AddToTargets(ref MemoryMarshal.GetArrayDataReference(targets[q]), ref post, s, e, _weights[q]);
                s = e;
            }
        }
    }

    /// <summary>Prefetches the lines of row <paramref name="i"/>'s segments.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(ref ushort post, byte[] lens, int i, int m, int cap)
    {
        int len = 0;
        for (int q = 0; q < m; q++) len += lens[i * m + q];
        Projection.PrefetchSpan(ref post, i * cap, i * cap + len);
    }
}
