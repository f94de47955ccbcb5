namespace BrainSharp.Dynamics;

/// <summary>
/// The spikes of one step as a list of flat indices (b * size + i). Propagation walks this list,
/// so its cost follows the number of spikes, not the number of synapses. Preallocated: no allocation per step.
/// </summary>
public sealed class SpikeBuffer
{
    public SpikeBuffer(int capacity) { Indices = new int[capacity]; }

    /// <summary>Flat indices of the units that spiked this step; only the first <see cref="Count"/> are valid.</summary>
    public int[] Indices { get; }

    /// <summary>How many units spiked this step.</summary>
    public int Count { get; set; }

    /// <summary>The valid indices.</summary>
    public ReadOnlySpan<int> Current => new(Indices, 0, Count);

    /// <summary>Empties the buffer.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends one index (no bounds growth: capacity is batch * size).</summary>
    public void Add(int index) => Indices[Count++] = index;
}
