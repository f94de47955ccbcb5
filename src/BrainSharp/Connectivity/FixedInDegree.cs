namespace BrainSharp.Connectivity;

/// <summary>
/// Each post neuron receives exactly K distinct pre neurons drawn uniformly without replacement
/// (NEST's "fixed_indegree" without multapses; Brunel 2000 uses this with K = epsilon N).
/// Columns are drawn independently from (seed, post); rows are not independent of each other, so the
/// connector is not procedural.
/// </summary>
public sealed class FixedInDegree : Connector
{
    private const ulong Tag = 0x01DE6EEC0UL;

    /// <summary>Creates the connector; <paramref name="inDegree"/> (synapses per post neuron) must be non-negative.</summary>
    public FixedInDegree(int inDegree)
    {
        if (inDegree < 0) throw new ArgumentOutOfRangeException(nameof(inDegree), inDegree, "FixedInDegree: inDegree must be non-negative.");
        InDegree = inDegree;
    }

    /// <summary>Number of sources per post neuron.</summary>
    public int InDegree { get; }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        ConnectorSampling.RequireSizes(nameof(FixedInDegree), nPre, nPost);
        if (samePopulation) ConnectorSampling.RequireSquare(nameof(FixedInDegree), nPre, nPost);
        bool noSelf = samePopulation && !AllowSelfConnections;
        int candidates = noSelf ? nPre - 1 : nPre;
        if (nPost > 0 && InDegree > candidates)
            throw new ArgumentException($"FixedInDegree: inDegree = {InDegree} exceeds the {candidates} available pre neurons (nPre = {nPre}{(noSelf ? ", self-connections excluded" : "")}).");
        long total = (long)InDegree * nPost;
        if (total > Array.MaxLength) throw new ArgumentException($"FixedInDegree: {total} synapses exceed the array limit.");
        var colPtr = new int[nPost + 1];
        var pre = new int[total];
        for (int j = 0; j < nPost; j++)
        {
            var rng = ConnectorSampling.RowStream(seed, Tag, j);
            ConnectorSampling.SampleDistinctSorted(ref rng, nPre, InDegree, noSelf ? j : -1, pre.AsSpan(j * InDegree, InDegree));
            colPtr[j + 1] = (j + 1) * InDegree;
        }
        return ConnectorSampling.FromColumns(nPre, nPost, colPtr, pre);
    }

    /// <inheritdoc />
    public override string ToString() => $"FixedInDegree(K={InDegree})";
}
