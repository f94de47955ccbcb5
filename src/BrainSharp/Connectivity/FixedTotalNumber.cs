using BrainSharp.Random;

namespace BrainSharp.Connectivity;

/// <summary>
/// Exactly N distinct synapses drawn uniformly from all allowed (pre, post) pairs
/// (NEST's "fixed_total_number" without multapses). Not procedural: rows share one draw.
/// </summary>
public sealed class FixedTotalNumber : Connector
{
    private const ulong Tag = 0x707A1C0947UL;

    /// <summary>Creates the connector; <paramref name="total"/> (number of synapses) must be non-negative.</summary>
    public FixedTotalNumber(long total)
    {
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total), total, "FixedTotalNumber: total must be non-negative.");
        Total = total;
    }

    /// <summary>Number of synapses.</summary>
    public long Total { get; }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        ConnectorSampling.RequireSizes(nameof(FixedTotalNumber), nPre, nPost);
        if (samePopulation) ConnectorSampling.RequireSquare(nameof(FixedTotalNumber), nPre, nPost);
        bool noSelf = samePopulation && !AllowSelfConnections;
        long perRow = noSelf ? nPost - 1 : nPost;
        long pairs = perRow * nPre;
        if (Total > pairs)
            throw new ArgumentException($"FixedTotalNumber: total = {Total} exceeds the {pairs} allowed (pre, post) pairs (nPre = {nPre}, nPost = {nPost}{(noSelf ? ", self-connections excluded" : "")}).");
        if (Total > Array.MaxLength) throw new ArgumentException($"FixedTotalNumber: total = {Total} exceeds the array limit.");

        // Floyd's algorithm on the flat pair index: exactly Total distinct pairs, each subset equally likely.
        var rng = new RandomStream(seed, Philox.StreamId(Tag));
        var chosen = new HashSet<long>(capacity: (int)Total);
        for (long j = pairs - Total; j < pairs; j++)
        {
            long t = (long)(rng.NextDouble() * (j + 1));
            if (t > j) t = j;
            if (!chosen.Add(t)) chosen.Add(j);
        }
        var flat = new long[Total];
        chosen.CopyTo(flat);
        Array.Sort(flat);   // flat order = (pre, then post) order, so rows come out sorted

        var rowPtr = new int[nPre + 1];
        var post = new int[Total];
        for (int e = 0; e < flat.Length; e++)
        {
            int pre = (int)(flat[e] / perRow);
            int c = (int)(flat[e] % perRow);
            post[e] = noSelf && c >= pre ? c + 1 : c;
            rowPtr[pre + 1]++;
        }
        for (int i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
        return new CsrStructure(nPre, nPost, rowPtr, post);
    }

    /// <inheritdoc />
    public override string ToString() => $"FixedTotalNumber(N={Total})";
}
