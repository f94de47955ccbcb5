using BrainSharp.Connectivity;

namespace BrainSharp.Tests.Connectivity;

public class GraphConnectorTests
{
    [Fact]
    public void GaussianDistance_FrequencyMatchesFormulaPerDistanceBin()
    {
        // 30 x 30 torus, sigma 3, pMax 0.6: compare connections per distance bin with the sum of p(d) over the bin's
        // pairs, within 3 standard errors of the sum of independent Bernoulli trials.
        var pos = NeuronPositions.Grid(30, 30, spacing: 1, periodic: true);
        var conn = new GaussianDistance(0.6, 3.0, pos);
        int n = 900;
        var c = conn.Build(n, n, 21, true);
        CsrAssert.WellFormed(c, noSelf: true);
        double[] edges = [0.5, 2, 3.5, 5, 7, 10];
        int bins = edges.Length - 1;
        var obs = new double[bins]; var expect = new double[bins]; var varSum = new double[bins];
        for (int i = 0; i < n; i++)
        {
            var row = c.Row(i);
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double d = Math.Sqrt(pos.DistanceSquared(i, pos, j));
                int b = -1;
                for (int q = 0; q < bins; q++) if (d >= edges[q] && d < edges[q + 1]) b = q;
                if (b < 0) continue;
                double p = 0.6 * Math.Exp(-d * d / 18.0);
                expect[b] += p; varSum[b] += p * (1 - p);
                if (row.BinarySearch(j) >= 0) obs[b]++;
            }
        }
        for (int b = 0; b < bins; b++)
            Assert.True(Math.Abs(obs[b] - expect[b]) < 3 * Math.Sqrt(varSum[b]),
                $"bin [{edges[b]}, {edges[b + 1]}): observed {obs[b]}, expected {expect[b]:F1} +- {Math.Sqrt(varSum[b]):F1}");
        CsrAssert.ProceduralMatches(conn, n, n, 21, true);
    }

    [Fact]
    public void GaussianDistance_GivenCoordinatesBetweenGroups()
    {
        var pre = NeuronPositions.FromCoordinates(new double[,] { { 0, 0 }, { 100, 0 } });
        var post = NeuronPositions.FromCoordinates(new double[,] { { 0, 0 }, { 0.1, 0 }, { 100, 0.1 } });
        var c = new GaussianDistance(1.0, 1.0, pre, post).Build(2, 3, 1, false);
        // p = exp(-0.005) ~ 0.995 for near pairs and exp(-5000) for far pairs; seed fixed.
        Assert.Equal([0, 1], c.Row(0).ToArray());
        Assert.Equal([2], c.Row(1).ToArray());
    }

    [Fact]
    public void SmallWorld_EdgeCountAndRewiringFraction()
    {
        int n = 2000, k = 10;
        double beta = 0.2;
        var c = new SmallWorld(k, beta).Build(n, n, 4, true);
        Assert.Equal(n * k, c.NonZeros);            // n k / 2 undirected edges, two synapses each
        CsrAssert.WellFormed(c, noSelf: true);
        Assert.True(CsrAssert.Symmetric(c));
        // Fraction of edges that are not ring-lattice edges ~ beta (minus a correction of order beta^2 k / n).
        int offLattice = 0;
        for (int i = 0; i < n; i++)
            foreach (int j in c.Row(i))
            {
                int dist = Math.Min(Math.Abs(i - j), n - Math.Abs(i - j));
                if (dist > k / 2) offLattice++;
            }
        double frac = offLattice / (double)c.NonZeros, edges = n * k / 2.0;
        double se = Math.Sqrt(beta * (1 - beta) / edges);
        Assert.True(Math.Abs(frac - beta) < 3 * se, $"rewired fraction {frac:F4}, expected {beta} +- {se:F4}");

        var ring = new SmallWorld(4, 0).Build(10, 10, 4, true);
        Assert.Equal([1, 2, 8, 9], ring.Row(0).ToArray());
    }

    [Fact]
    public void ScaleFree_EdgeCountAndDegreeDistributionTail()
    {
        int n = 20000, m = 3;
        var c = new ScaleFree(m).Build(n, n, 8, true);
        Assert.Equal(2 * m * (n - m), c.NonZeros);
        CsrAssert.WellFormed(c, noSelf: true);
        Assert.True(CsrAssert.Symmetric(c));
        var deg = Enumerable.Range(0, n).Select(i => c.Row(i).Length).ToArray();
        // Exact BA degree distribution (Dorogovtsev, Mendes & Samukhin 2000): P(K >= k) = m (m + 1) / (k (k + 1)).
        foreach (int k in new[] { 2 * m, 4 * m, 8 * m })
        {
            double emp = deg.Count(d => d >= k) / (double)n, theory = m * (m + 1.0) / (k * (k + 1.0));
            Assert.True(Math.Abs(emp / theory - 1) < 0.12, $"P(K >= {k}) = {emp:F4}, BA theory {theory:F4}");
        }
        // Heavy tail: hubs far beyond a Poisson graph of the same mean degree 6 (whose maximum would be ~ 20).
        Assert.True(deg.Max() > 100, $"max degree {deg.Max()}");
        Assert.All(deg.Skip(m), d => Assert.True(d >= m));
    }
}
