namespace BrainSharp.Connectivity;

/// <summary>
/// A seeded rule that decides which pre neurons connect to which post neurons.
/// Every connector can materialize its connections as CSR (rows = pre). A connector whose rows can
/// be regenerated independently from (seed, row) also implements <see cref="IProceduralConnector"/>,
/// which lets a projection keep no synapse storage at all.
/// </summary>
public abstract class Connector
{
    /// <summary>Whether a neuron may connect to itself when pre and post are the same group.</summary>
    public bool AllowSelfConnections { get; init; } = false;

    /// <summary>Builds the connection structure. <paramref name="samePopulation"/> says pre and post are one group (self-connections apply).</summary>
    public abstract CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation);

    /// <summary>A short description for summaries, e.g. "FixedProbability(p=0.02)".</summary>
    public abstract override string ToString();
}
