namespace BrainSharp.Connectivity;

/// <summary>
/// Compressed sparse rows of a connection structure: row = pre neuron, entries = post neurons (ascending).
/// Weights and delays live beside it in arrays of length <see cref="NonZeros"/>, indexed the same way.
/// </summary>
public sealed class CsrStructure
{
    public CsrStructure(int nPre, int nPost, int[] rowPtr, int[] postIndices)
    {
        if (rowPtr.Length != nPre + 1)
            throw new ArgumentException($"CsrStructure: rowPtr has length {rowPtr.Length}, expected nPre + 1 = {nPre + 1}.");
        if (rowPtr[0] != 0 || rowPtr[nPre] != postIndices.Length)
            throw new ArgumentException($"CsrStructure: rowPtr must start at 0 and end at {postIndices.Length}.");
        NPre = nPre; NPost = nPost; RowPtr = rowPtr; PostIndices = postIndices;
    }

    public int NPre { get; }
    public int NPost { get; }
    /// <summary>Row start offsets, length NPre + 1.</summary>
    public int[] RowPtr { get; }
    /// <summary>Post index of each synapse, grouped by row.</summary>
    public int[] PostIndices { get; }
    /// <summary>Number of synapses.</summary>
    public int NonZeros => PostIndices.Length;

    /// <summary>Post indices of one row.</summary>
    public ReadOnlySpan<int> Row(int pre) => new(PostIndices, RowPtr[pre], RowPtr[pre + 1] - RowPtr[pre]);
}
