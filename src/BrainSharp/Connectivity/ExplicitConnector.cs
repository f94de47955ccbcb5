namespace BrainSharp.Connectivity;

/// <summary>
/// Base of the connectors that take their synapses from data (a dense matrix, CSR arrays, an edge list) instead of a rule.
/// The synapses are sorted by (pre, post) once, at construction, and carry optional weights (the data's unit, e.g. nS).
/// Unlike the rule-based connectors, <see cref="Connector.AllowSelfConnections"/> defaults to true here, so the data is
/// taken as given; set it to false to drop the diagonal when pre and post are the same group. Seeds are ignored.
/// </summary>
public abstract class ExplicitConnector : Connector
{
    private readonly int[] _pre, _post;
    private readonly float[] _weights;

    /// <summary>Takes ownership of (pre, post, weight) triples, sorts them and rejects duplicates and negative indices.</summary>
    protected ExplicitConnector(string model, int[] pre, int[] post, float[] weights)
    {
        AllowSelfConnections = true;
        Model = model;
        if (pre.Length != post.Length || pre.Length != weights.Length)
            throw new ArgumentException($"{model}: pre ({pre.Length}), post ({post.Length}) and weights ({weights.Length}) must have the same length.");
        for (int e = 0; e < pre.Length; e++)
        {
            if (pre[e] < 0) throw new ArgumentOutOfRangeException(nameof(pre), pre[e], $"{model}: synapse {e} has a negative pre index.");
            if (post[e] < 0) throw new ArgumentOutOfRangeException(nameof(post), post[e], $"{model}: synapse {e} has a negative post index.");
            if (!float.IsFinite(weights[e])) throw new ArgumentException($"{model}: synapse {e} ({pre[e]} -> {post[e]}) has weight {weights[e]}, must be finite.");
        }
        var keys = new long[pre.Length];
        var order = new int[pre.Length];
        for (int e = 0; e < keys.Length; e++) { keys[e] = ((long)pre[e] << 32) | (uint)post[e]; order[e] = e; }
        Array.Sort(keys, order);
        _pre = new int[keys.Length]; _post = new int[keys.Length]; _weights = new float[keys.Length];
        for (int e = 0; e < keys.Length; e++)
        {
            if (e > 0 && keys[e] == keys[e - 1])
                throw new ArgumentException($"{model}: duplicate synapse {pre[order[e]]} -> {post[order[e]]}.");
            _pre[e] = pre[order[e]]; _post[e] = post[order[e]]; _weights[e] = weights[order[e]];
        }
        MaxPre = _pre.Length == 0 ? -1 : _pre[^1];
        MaxPost = -1;
        foreach (int p in _post) MaxPost = Math.Max(MaxPost, p);
    }

    /// <summary>Model name used in messages.</summary>
    protected string Model { get; }
    /// <summary>Largest pre index in the data (-1 if none).</summary>
    public int MaxPre { get; }
    /// <summary>Largest post index in the data (-1 if none).</summary>
    public int MaxPost { get; }
    /// <summary>Number of synapses in the data (before any self-connection filtering).</summary>
    public int Count => _pre.Length;

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation) => BuildWeighted(nPre, nPost, samePopulation).Structure;

    /// <summary>Builds the structure and the weights in CSR order (the same order as <see cref="CsrStructure.PostIndices"/>).</summary>
    public (CsrStructure Structure, float[] Weights) BuildWeighted(int nPre, int nPost, bool samePopulation)
    {
        ConnectorSampling.RequireSizes(Model, nPre, nPost);
        if (MaxPre >= nPre) throw new ArgumentException($"{Model}: the data has pre index {MaxPre} but nPre = {nPre}.");
        if (MaxPost >= nPost) throw new ArgumentException($"{Model}: the data has post index {MaxPost} but nPost = {nPost}.");
        bool dropSelf = samePopulation && !AllowSelfConnections;
        var rowPtr = new int[nPre + 1];
        int kept = 0;
        for (int e = 0; e < _pre.Length; e++)
            if (!(dropSelf && _pre[e] == _post[e])) { rowPtr[_pre[e] + 1]++; kept++; }
        for (int i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
        var post = new int[kept];
        var w = new float[kept];
        int k = 0;
        for (int e = 0; e < _pre.Length; e++)
        {
            if (dropSelf && _pre[e] == _post[e]) continue;
            post[k] = _post[e]; w[k] = _weights[e]; k++;
        }
        return (new CsrStructure(nPre, nPost, rowPtr, post), w);
    }
}
