using BrainSharp.Random;

namespace BrainSharp.Connectivity;

/// <summary>
/// Watts-Strogatz small-world graph (Watts &amp; Strogatz 1998, Nature 393:440), as in networkx.watts_strogatz_graph:
/// a ring lattice where each node links to its K/2 nearest neighbours on each side; then, for each lattice edge
/// (u, u + j), j = 1..K/2, with probability beta it is replaced by (u, w), w uniform among nodes that are neither u nor
/// already linked to u. The graph is undirected: each edge becomes two synapses (u -> w and w -> u), so every row has
/// mean length K and there are n K / 2 edges. Never contains self-connections. Needs nPre == nPost.
/// </summary>
public sealed class SmallWorld : Connector
{
    private const ulong Tag = 0x5A11E0071DUL;

    /// <summary>Creates the connector: <paramref name="meanDegree"/> K (even, >= 2), rewiring probability <paramref name="beta"/> in [0, 1].</summary>
    public SmallWorld(int meanDegree, double beta)
    {
        if (meanDegree < 2 || meanDegree % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(meanDegree), meanDegree, "SmallWorld: meanDegree must be even and at least 2.");
        ConnectorSampling.RequireProbability(nameof(SmallWorld), nameof(beta), beta);
        MeanDegree = meanDegree; Beta = beta;
    }

    /// <summary>Lattice degree K (each node starts linked to K/2 neighbours per side).</summary>
    public int MeanDegree { get; }
    /// <summary>Rewiring probability per edge.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        ConnectorSampling.RequireSquare(nameof(SmallWorld), nPre, nPost);
        int n = nPre;
        if (MeanDegree >= n)
            throw new ArgumentException($"SmallWorld: meanDegree = {MeanDegree} must be smaller than the number of neurons ({n}).");
        var adj = new HashSet<int>[n];
        for (int u = 0; u < n; u++) adj[u] = new HashSet<int>(MeanDegree + 2);
        for (int u = 0; u < n; u++)
            for (int j = 1; j <= MeanDegree / 2; j++)
            {
                int v = (u + j) % n;
                adj[u].Add(v); adj[v].Add(u);
            }
        var rng = new RandomStream(seed, Philox.StreamId(Tag));
        for (int j = 1; j <= MeanDegree / 2; j++)
            for (int u = 0; u < n; u++)
            {
                if (rng.NextDouble() >= Beta) continue;
                int v = (u + j) % n;
                if (!adj[u].Contains(v)) continue;           // already rewired away from the other end
                if (adj[u].Count >= n - 1) continue;          // u is linked to everyone: nowhere to go
                int w;
                do { w = rng.NextInt(n); } while (w == u || adj[u].Contains(w));
                adj[u].Remove(v); adj[v].Remove(u);
                adj[u].Add(w); adj[w].Add(u);
            }
        return ConnectorSampling.FromAdjacency(n, adj);
    }

    /// <inheritdoc />
    public override string ToString() => $"SmallWorld(K={MeanDegree}, beta={Beta})";
}
