namespace BrainSharp.Connectivity;

/// <summary>
/// Every pre neuron connects to every post neuron (minus i -> i when pre and post are one group and
/// <see cref="Connector.AllowSelfConnections"/> is false). Deterministic; rows are procedural.
/// </summary>
public sealed class AllToAll : Connector, IProceduralConnector
{
    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        ConnectorSampling.RequireSizes(nameof(AllToAll), nPre, nPost);
        if (samePopulation) ConnectorSampling.RequireSquare(nameof(AllToAll), nPre, nPost);
        return ConnectorSampling.FromRows(nPre, nPost, MaxRowLength(nPre, nPost),
            (i, row) => Row(i, nPre, nPost, seed, samePopulation, row));
    }

    /// <inheritdoc />
    public int MaxRowLength(int nPre, int nPost) => nPost;

    /// <inheritdoc />
    public int Row(int pre, int nPre, int nPost, ulong seed, bool samePopulation, Span<int> targets)
    {
        bool skipSelf = samePopulation && !AllowSelfConnections;
        int n = 0;
        for (int j = 0; j < nPost; j++)
            if (!(skipSelf && j == pre)) targets[n++] = j;
        return n;
    }

    /// <inheritdoc />
    public override string ToString() => $"AllToAll(self={AllowSelfConnections})";
}
