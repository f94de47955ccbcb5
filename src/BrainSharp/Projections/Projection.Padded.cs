using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BrainSharp.Projections;

public sealed partial class Projection
{
    /// <summary>
    /// Whether the build may keep constant-weight CSR rows in line-aligned slots (<see cref="PaddedRows"/>); false keeps
    /// plain CSR (tests compare the two).
    /// </summary>
    internal bool UsePaddedRows { get; init; } = Environment.GetEnvironmentVariable("BRAINSHARP_PADDED_ROWS") != "0";

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
            int s = i * cap, e = s + len[i];
            // Targets within a row are distinct, so the unrolled adds are independent (same sums, same order per target).
            for (; s + 4 <= e; s += 4)
            {
                Unsafe.Add(ref ar, Unsafe.Add(ref post, s)) += wv;
                Unsafe.Add(ref ar, Unsafe.Add(ref post, s + 1)) += wv;
                Unsafe.Add(ref ar, Unsafe.Add(ref post, s + 2)) += wv;
                Unsafe.Add(ref ar, Unsafe.Add(ref post, s + 3)) += wv;
            }
            for (; s < e; s++) Unsafe.Add(ref ar, Unsafe.Add(ref post, s)) += wv;
        }
    }

    /// <summary>Prefetches the lines of row <paramref name="i"/>'s targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchPaddedRow(PaddedRows rows, int i)
    {
        int s = rows.Base + i * rows.Cap;
        PrefetchSpan(ref MemoryMarshal.GetArrayDataReference(rows.Slots), s, s + rows.Lengths[i]);
    }
}
