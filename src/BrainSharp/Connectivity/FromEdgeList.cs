namespace BrainSharp.Connectivity;

/// <summary>
/// Synapses from an edge list: synapse e is pre[e] -> post[e] with weight weights[e] (default 1). Any order;
/// duplicates are rejected. Indices are checked against nPre, nPost when the structure is built.
/// </summary>
public sealed class FromEdgeList : ExplicitConnector
{
    /// <summary>Creates the connector from parallel arrays of pre indices, post indices and optional weights.</summary>
    public FromEdgeList(int[] pre, int[] post, float[]? weights = null)
        : base(nameof(FromEdgeList), (int[])Check(pre).Clone(), (int[])Check(post).Clone(), Ones(pre.Length, weights)) { }

    private static int[] Check(int[] a) { ArgumentNullException.ThrowIfNull(a); return a; }

    private static float[] Ones(int n, float[]? w)
    {
        if (w is not null) return (float[])w.Clone();
        var ones = new float[n]; Array.Fill(ones, 1f); return ones;
    }

    /// <inheritdoc />
    public override string ToString() => $"FromEdgeList({Count} synapses)";
}
