using BrainSharp.Random;

namespace BrainSharp.Connectivity;

/// <summary>
/// Distance-dependent random connectivity: pre i connects to post j with probability
///   p(d) = pMax * exp(-d^2 / (2 sigma^2)),   d = |x_i - x_j| (minimum image if the pre positions are periodic).
/// Each (i, j) decision uses one Philox draw keyed by (seed, i, j), so rows are procedural.
/// Parameters: pMax in [0, 1] (dimensionless), sigma > 0 (the positions' length unit).
/// </summary>
public sealed class GaussianDistance : Connector, IProceduralConnector
{
    private const ulong Tag = 0x6A055D157UL;

    /// <summary>Creates the connector; <paramref name="postPositions"/> defaults to <paramref name="prePositions"/> (one population).</summary>
    public GaussianDistance(double pMax, double sigma, NeuronPositions prePositions, NeuronPositions? postPositions = null)
    {
        ConnectorSampling.RequireProbability(nameof(GaussianDistance), nameof(pMax), pMax);
        if (!(sigma > 0) || !double.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "GaussianDistance: sigma must be positive and finite.");
        ArgumentNullException.ThrowIfNull(prePositions);
        postPositions ??= prePositions;
        if (postPositions.Dimensions != prePositions.Dimensions)
            throw new ArgumentException($"GaussianDistance: pre positions have {prePositions.Dimensions} dimensions, post positions {postPositions.Dimensions}.");
        PMax = pMax; Sigma = sigma; PrePositions = prePositions; PostPositions = postPositions;
    }

    /// <summary>Peak connection probability (at d = 0).</summary>
    public double PMax { get; }
    /// <summary>Width of the Gaussian profile (length unit of the positions).</summary>
    public double Sigma { get; }
    /// <summary>Positions of the pre neurons.</summary>
    public NeuronPositions PrePositions { get; }
    /// <summary>Positions of the post neurons.</summary>
    public NeuronPositions PostPositions { get; }

    /// <summary>Connection probability for pre i and post j.</summary>
    public double Probability(int pre, int post)
        => PMax * Math.Exp(-PrePositions.DistanceSquared(pre, PostPositions, post) / (2 * Sigma * Sigma));

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        if (nPre != PrePositions.Count)
            throw new ArgumentException($"GaussianDistance: nPre = {nPre} but {PrePositions.Count} pre positions were given.");
        if (nPost != PostPositions.Count)
            throw new ArgumentException($"GaussianDistance: nPost = {nPost} but {PostPositions.Count} post positions were given.");
        return ConnectorSampling.FromRows(nPre, nPost, nPost, (i, row) => Row(i, nPre, nPost, seed, samePopulation, row));
    }

    /// <inheritdoc />
    public int MaxRowLength(int nPre, int nPost) => nPost;

    /// <inheritdoc />
    public int Row(int pre, int nPre, int nPost, ulong seed, bool samePopulation, Span<int> targets)
    {
        bool skipSelf = samePopulation && !AllowSelfConnections;
        ulong stream = Philox.StreamId(Tag, (ulong)pre);
        double inv2s2 = 1.0 / (2 * Sigma * Sigma);
        int n = 0;
        for (int j = 0; j < nPost; j++)
        {
            if (skipSelf && j == pre) continue;
            double p = PMax * Math.Exp(-PrePositions.DistanceSquared(pre, PostPositions, j) * inv2s2);
            if (Philox.Uniform(seed, stream, (ulong)j) < p) targets[n++] = j;
        }
        return n;
    }

    /// <inheritdoc />
    public override string ToString() => $"GaussianDistance(pMax={PMax}, sigma={Sigma})";
}
