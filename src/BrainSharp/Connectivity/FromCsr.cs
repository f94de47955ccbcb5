namespace BrainSharp.Connectivity;

/// <summary>
/// Synapses from CSR arrays (rows = pre): row i holds postIndices[rowPtr[i] .. rowPtr[i+1]). Rows need not be sorted
/// (they are sorted, weights alongside); duplicates are rejected. Weights default to 1.
/// </summary>
public sealed class FromCsr : ExplicitConnector
{
    /// <summary>Creates the connector; <paramref name="rowPtr"/> has length nPre + 1.</summary>
    public FromCsr(int[] rowPtr, int[] postIndices, float[]? weights = null) : base(nameof(FromCsr), Expand(rowPtr, postIndices), (int[])postIndices.Clone(), Weights(postIndices, weights))
    {
        NPreData = rowPtr.Length - 1;
    }

    /// <summary>Number of rows in the data (nPre it was made for).</summary>
    public int NPreData { get; }

    private static int[] Expand(int[] rowPtr, int[] post)
    {
        ArgumentNullException.ThrowIfNull(rowPtr); ArgumentNullException.ThrowIfNull(post);
        if (rowPtr.Length < 1) throw new ArgumentException("FromCsr: rowPtr must have length nPre + 1 >= 1.", nameof(rowPtr));
        if (rowPtr[0] != 0 || rowPtr[^1] != post.Length)
            throw new ArgumentException($"FromCsr: rowPtr must start at 0 and end at postIndices.Length = {post.Length}, got {rowPtr[0]} .. {rowPtr[^1]}.", nameof(rowPtr));
        var pre = new int[post.Length];
        for (int i = 0; i + 1 < rowPtr.Length; i++)
        {
            if (rowPtr[i + 1] < rowPtr[i]) throw new ArgumentException($"FromCsr: rowPtr decreases at row {i} ({rowPtr[i]} -> {rowPtr[i + 1]}).", nameof(rowPtr));
            for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) pre[e] = i;
        }
        return pre;
    }

    private static float[] Weights(int[] post, float[]? w)
    {
        if (w is null) { var ones = new float[post.Length]; Array.Fill(ones, 1f); return ones; }
        if (w.Length != post.Length) throw new ArgumentException($"FromCsr: weights has length {w.Length}, postIndices {post.Length}.", nameof(w));
        return (float[])w.Clone();
    }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        if (nPre != NPreData) throw new ArgumentException($"FromCsr: the data has {NPreData} rows but nPre = {nPre}.");
        return base.Build(nPre, nPost, seed, samePopulation);
    }

    /// <inheritdoc />
    public override string ToString() => $"FromCsr({NPreData} rows, {Count} synapses)";
}
