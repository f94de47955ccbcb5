namespace BrainSharp.Connectivity;

/// <summary>
/// Each pre neuron connects to exactly K distinct post neurons drawn uniformly without replacement
/// (NEST's "fixed_outdegree" without multapses). Rows depend only on (seed, pre), so the connector is procedural.
/// </summary>
public sealed class FixedOutDegree : Connector, IProceduralConnector
{
    private const ulong Tag = 0x0F17ED0C7DE6UL;

    /// <summary>Creates the connector; <paramref name="outDegree"/> (synapses per pre neuron) must be non-negative.</summary>
    public FixedOutDegree(int outDegree)
    {
        if (outDegree < 0) throw new ArgumentOutOfRangeException(nameof(outDegree), outDegree, "FixedOutDegree: outDegree must be non-negative.");
        OutDegree = outDegree;
    }

    /// <summary>Number of targets per pre neuron.</summary>
    public int OutDegree { get; }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        Validate(nPre, nPost, samePopulation);
        return ConnectorSampling.FromRows(nPre, nPost, OutDegree, (i, row) => Row(i, nPre, nPost, seed, samePopulation, row));
    }

    private void Validate(int nPre, int nPost, bool samePopulation)
    {
        ConnectorSampling.RequireSizes(nameof(FixedOutDegree), nPre, nPost);
        if (samePopulation) ConnectorSampling.RequireSquare(nameof(FixedOutDegree), nPre, nPost);
        int candidates = samePopulation && !AllowSelfConnections ? nPost - 1 : nPost;
        if (nPre > 0 && OutDegree > candidates)
            throw new ArgumentException($"FixedOutDegree: outDegree = {OutDegree} exceeds the {candidates} available post neurons (nPost = {nPost}{(candidates < nPost ? ", self-connections excluded" : "")}).");
    }

    /// <inheritdoc />
    public int MaxRowLength(int nPre, int nPost) => OutDegree;

    /// <inheritdoc />
    public int Row(int pre, int nPre, int nPost, ulong seed, bool samePopulation, Span<int> targets)
    {
        var rng = ConnectorSampling.RowStream(seed, Tag, pre);
        int exclude = samePopulation && !AllowSelfConnections ? pre : -1;
        ConnectorSampling.SampleDistinctSorted(ref rng, nPost, OutDegree, exclude, targets);
        return OutDegree;
    }

    /// <inheritdoc />
    public override string ToString() => $"FixedOutDegree(K={OutDegree})";
}
