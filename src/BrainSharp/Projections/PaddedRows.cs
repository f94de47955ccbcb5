namespace BrainSharp.Projections;

/// <summary>
/// Connectivity rows of 16-bit target indices, each in a slot of the same size that starts on a cache line (row i at
/// <c>Slots[Base + i * Cap]</c>), with the row lengths in a byte array. Delivery reads a spiking row without its CSR
/// bounds, and a row touches only the lines its targets fill.
/// </summary>
/// <remarks>
/// Why: at 64000 neurons a spiking neuron's row lies at a random place in megabytes of indices, and this machine's memory
/// system serves such random lines at ~14 ns each at best (~160 ns latency, ~12 in flight; docs/design-perf10.md). A CSR
/// row visit costs a line for its bounds (row pointers of 200 KB per projection and worker, which do not stay cached
/// beside the neuron state) and, at a random offset, one line more than its bytes need. Slots cost memory instead: the
/// longest row, rounded up to a line, per row. They are used only where that stays within a few times the compact size
/// (<see cref="TryBuild"/>), and the lengths must fit a byte: a row of hundreds of targets amortises its bounds anyway.
/// Targets keep their CSR order, so delivery adds exactly what it added from CSR, in the same order.
/// </remarks>
internal sealed class PaddedRows
{
    /// <summary>Indices per cache line: slots are whole lines.</summary>
    private const int LineIndices = 32;

    /// <summary>The slots; row i's targets are <c>Slots[Base + i * Cap ..][..Lengths[i]]</c>. Pinned, so the alignment holds.</summary>
    public readonly ushort[] Slots;

    /// <summary>Offset of the first slot in <see cref="Slots"/> (its first element on a 64-byte boundary).</summary>
    public readonly int Base;

    /// <summary>Slot size in indices (a multiple of 32, at least the longest row).</summary>
    public readonly int Cap;

    /// <summary>Number of targets in each row.</summary>
    public readonly byte[] Lengths;

    private PaddedRows(ushort[] slots, int @base, int cap, byte[] lengths)
    {
        Slots = slots; Base = @base; Cap = cap; Lengths = lengths;
    }

    /// <summary>
    /// Slots for rows [bounds[i stride + off], bounds[i stride + off + 1]) of <paramref name="indices"/>, i &lt; nRows; null
    /// where a row is longer than 255 or the slots would take more than four times the indices' bytes plus a line per row.
    /// </summary>
    public static PaddedRows? TryBuild(ushort[] indices, int[] bounds, int stride, int off, int nRows)
    {
        int maxLen = 0; long total = 0;
        for (int i = 0; i < nRows; i++)
        {
            int len = bounds[i * stride + off + 1] - bounds[i * stride + off];
            maxLen = Math.Max(maxLen, len); total += len;
        }
        if (maxLen > byte.MaxValue || nRows == 0) return null;
        var slots = AllocateSlots(maxLen, total, nRows, out int cap, out int @base);
        if (slots is null) return null;
        var lengths = new byte[nRows];
        for (int i = 0; i < nRows; i++)
        {
            int s = bounds[i * stride + off], len = bounds[i * stride + off + 1] - s;
            lengths[i] = (byte)len;
            var slot = slots.AsSpan(@base + i * cap, cap);
            indices.AsSpan(s, len).CopyTo(slot);
            slot[len..].Clear(); // never read (nor are the elements before Base and after the last slot)
        }
        return new PaddedRows(slots, @base, cap, lengths);
    }

    /// <summary>Row <paramref name="i"/>'s targets.</summary>
    public ReadOnlySpan<ushort> Row(int i) => Slots.AsSpan(Base + i * Cap, Lengths[i]);

    /// <summary>
    /// Pinned storage for <paramref name="nRows"/> slots of <paramref name="cap"/> indices (the longest row rounded up to
    /// whole lines), the first at <paramref name="base"/> on a line boundary; null where the slots would take more than
    /// four times the <paramref name="total"/> indices plus a line per row. The one sizing rule of every slot layout
    /// (also <see cref="SourceBundle"/>'s).
    /// </summary>
    internal static ushort[]? AllocateSlots(int maxLen, long total, int nRows, out int cap, out int @base)
    {
        cap = Math.Max(1, (maxLen + LineIndices - 1) / LineIndices) * LineIndices;
        @base = 0;
        long size = (long)nRows * cap;
        if (size > 4 * total + (long)LineIndices * nRows || size + LineIndices > Array.MaxLength) return null;
        var slots = GC.AllocateUninitializedArray<ushort>((int)size + LineIndices, pinned: true);
        @base = LineOffset(slots);
        return slots;
    }

    /// <summary>The first index of <paramref name="slots"/> whose address is a multiple of 64 bytes.</summary>
    private static int LineOffset(ushort[] slots)
        => (int)((64 - BrainSharp.Dynamics.AlignedArray.Address(slots) % 64) % 64 / sizeof(ushort));
}
