namespace BrainSharp.Connectivity;

/// <summary>
/// Pre neuron i connects to post neuron i only; needs nPre == nPost. Used for relay inputs and gap-junction pairs.
/// When pre and post are one group this is a self-connection, so it is built only if
/// <see cref="Connector.AllowSelfConnections"/> is true (otherwise Build throws: the result would be empty).
/// </summary>
public sealed class OneToOne : Connector, IProceduralConnector
{
    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        ConnectorSampling.RequireSizes(nameof(OneToOne), nPre, nPost);
        ConnectorSampling.RequireSquare(nameof(OneToOne), nPre, nPost);
        if (samePopulation && !AllowSelfConnections)
            throw new ArgumentException("OneToOne: pre and post are the same group, so every connection is a self-connection; set AllowSelfConnections = true.");
        return ConnectorSampling.FromRows(nPre, nPost, 1, (i, row) => Row(i, nPre, nPost, seed, samePopulation, row));
    }

    /// <inheritdoc />
    public int MaxRowLength(int nPre, int nPost) => 1;

    /// <inheritdoc />
    public int Row(int pre, int nPre, int nPost, ulong seed, bool samePopulation, Span<int> targets)
    {
        if (samePopulation && !AllowSelfConnections) return 0;
        targets[0] = pre;
        return 1;
    }

    /// <inheritdoc />
    public override string ToString() => "OneToOne";
}
