using BrainSharp.Random;

namespace BrainSharp.Connectivity;

/// <summary>
/// Barabasi-Albert preferential attachment (Barabasi &amp; Albert 1999, Science 286:509): start with m0 unconnected nodes;
/// each further node links to m distinct existing nodes chosen with probability proportional to their degree
/// (uniformly while all degrees are zero). Gives m (n - m0) undirected edges and, for large n, the degree distribution
/// P(k) = 2 m (m + 1) / (k (k + 1) (k + 2)) (Dorogovtsev, Mendes &amp; Samukhin 2000). Each edge becomes two synapses.
/// Never contains self-connections. Needs nPre == nPost.
/// </summary>
public sealed class ScaleFree : Connector
{
    private const ulong Tag = 0x5CA1EF4EEUL;

    /// <summary>Creates the connector: <paramref name="m"/> edges per new node (>= 1), <paramref name="initialNodes"/> m0 >= m (default m).</summary>
    public ScaleFree(int m, int initialNodes = 0)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "ScaleFree: m (edges per new node) must be at least 1.");
        if (initialNodes == 0) initialNodes = m;
        if (initialNodes < m) throw new ArgumentOutOfRangeException(nameof(initialNodes), initialNodes, $"ScaleFree: initialNodes must be at least m = {m}.");
        M = m; InitialNodes = initialNodes;
    }

    /// <summary>Edges added with each new node.</summary>
    public int M { get; }
    /// <summary>Number of initial, unconnected nodes (m0).</summary>
    public int InitialNodes { get; }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        ConnectorSampling.RequireSquare(nameof(ScaleFree), nPre, nPost);
        int n = nPre;
        if (n <= InitialNodes)
            throw new ArgumentException($"ScaleFree: the number of neurons ({n}) must exceed initialNodes = {InitialNodes}.");
        var adj = new HashSet<int>[n];
        for (int u = 0; u < n; u++) adj[u] = new HashSet<int>(M + 1);
        // Each node appears in 'ends' once per edge it has, so a uniform pick from it is degree-proportional.
        var ends = new List<int>(2 * M * (n - InitialNodes));
        var targets = new List<int>(M);
        var rng = new RandomStream(seed, Philox.StreamId(Tag));
        for (int s = InitialNodes; s < n; s++)
        {
            targets.Clear();
            while (targets.Count < M)
            {
                int t = ends.Count == 0 ? rng.NextInt(s) : ends[rng.NextInt(ends.Count)];
                if (!targets.Contains(t)) targets.Add(t);
            }
            foreach (int t in targets)
            {
                adj[s].Add(t); adj[t].Add(s);
                ends.Add(t); ends.Add(s);
            }
        }
        return ConnectorSampling.FromAdjacency(n, adj);
    }

    /// <inheritdoc />
    public override string ToString() => $"ScaleFree(m={M}, m0={InitialNodes})";
}
