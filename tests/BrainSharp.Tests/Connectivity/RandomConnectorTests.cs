using BrainSharp.Connectivity;

namespace BrainSharp.Tests.Connectivity;

public class RandomConnectorTests
{
    [Fact]
    public void FixedInDegree_EveryPostHasExactlyK_NoSelf_NoDuplicates()
    {
        var c = new FixedInDegree(50).Build(400, 400, seed: 3, samePopulation: true);
        CsrAssert.WellFormed(c, noSelf: true);
        Assert.All(CsrAssert.InDegrees(c), d => Assert.Equal(50, d));
        Assert.Equal(50 * 400, c.NonZeros);
        // Out-degrees: sum of 400 independent draws, each pre chosen with probability 50/399 -> mean 50.13.
        double mean = (double)c.NonZeros / 400, var = 0;
        for (int i = 0; i < 400; i++) { double d = c.Row(i).Length - mean; var += d * d; }
        var /= 399;
        double p = 50.0 / 399, expectedVar = 400 * p * (1 - p);
        Assert.InRange(var, 0.7 * expectedVar, 1.3 * expectedVar);
    }

    [Fact]
    public void FixedInDegree_DenseCaseAndSelfAllowed()
    {
        // K close to n exercises selection sampling; self allowed makes all n candidates available.
        var c = new FixedInDegree(100) { AllowSelfConnections = true }.Build(100, 100, 1, true);
        Assert.Equal(100 * 100, c.NonZeros);
        Assert.Throws<ArgumentException>(() => new FixedInDegree(100).Build(100, 100, 1, true));
    }

    [Fact]
    public void FixedOutDegree_EveryPreHasExactlyK_AndRowsAreProcedural()
    {
        var conn = new FixedOutDegree(20);
        var c = conn.Build(300, 500, 9, false);
        CsrAssert.WellFormed(c, noSelf: false);
        for (int i = 0; i < 300; i++) Assert.Equal(20, c.Row(i).Length);
        CsrAssert.ProceduralMatches(conn, 300, 500, 9, false);
        CsrAssert.ProceduralMatches(new FixedOutDegree(450), 300, 500, 9, false);   // dense branch
        CsrAssert.ProceduralMatches(conn, 300, 300, 9, true);
        CsrAssert.WellFormed(conn.Build(300, 300, 9, true), noSelf: true);
    }

    [Fact]
    public void FixedOutDegree_TargetsAreUniform()
    {
        // In-degree of each post ~ Binomial(nPre, K/nPost): check mean exactly and variance statistically.
        var c = new FixedOutDegree(10).Build(2000, 200, 5, false);
        var d = CsrAssert.InDegrees(c);
        double mean = d.Average(), var = d.Select(x => (x - mean) * (x - mean)).Sum() / (d.Length - 1);
        Assert.Equal(100.0, mean, 10);
        double expected = 2000 * 0.05 * 0.95;
        Assert.InRange(var, 0.75 * expected, 1.25 * expected);
    }

    [Fact]
    public void FixedTotalNumber_ExactCount_NoDuplicates_UniformRows()
    {
        var c = new FixedTotalNumber(20000).Build(500, 500, 11, true);
        Assert.Equal(20000, c.NonZeros);
        CsrAssert.WellFormed(c, noSelf: true);
        // Row counts are hypergeometric: mean N/nPre = 40, variance ~ 40 (1 - 40/499) (1 - ...) ~ 36.8.
        var rows = Enumerable.Range(0, 500).Select(i => (double)c.Row(i).Length).ToArray();
        double mean = rows.Average(), var = rows.Select(x => (x - mean) * (x - mean)).Sum() / 499;
        Assert.Equal(40.0, mean, 10);
        double p = 40.0 / 499, expected = 499 * p * (1 - p) * (1 - 20000.0 / (500 * 499 - 1)) / (1 - 1.0 / 500);
        Assert.InRange(var, 0.75 * expected, 1.25 * expected);
        Assert.Equal(500 * 499, new FixedTotalNumber(500 * 499).Build(500, 500, 1, true).NonZeros);
        Assert.Throws<ArgumentException>(() => new FixedTotalNumber(500 * 499 + 1).Build(500, 500, 1, true));
    }

    [Fact]
    public void SameSeedSameStructure_DifferentSeedDifferent()
    {
        Connector[] cs = [new FixedInDegree(30), new FixedOutDegree(30), new FixedTotalNumber(9000),
            new GaussianDistance(0.5, 4, NeuronPositions.Grid(20, 15)), new SmallWorld(6, 0.3), new ScaleFree(3)];
        foreach (var conn in cs)
        {
            var a = conn.Build(300, 300, 77, true);
            CsrAssert.SameStructure(a, conn.Build(300, 300, 77, true));
            Assert.False(a.PostIndices.SequenceEqual(conn.Build(300, 300, 78, true).PostIndices), $"{conn}: seeds 77 and 78 gave the same structure");
        }
    }

    [Fact]
    public void Validation_NamesModelParameterAndValue()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDistance(1.5, 1, NeuronPositions.Grid(2, 2)));
        Assert.Contains("GaussianDistance", e1.Message); Assert.Contains("pMax", e1.Message); Assert.Contains("1.5", e1.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDistance(double.NaN, 1, NeuronPositions.Grid(2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDistance(0.5, -1, NeuronPositions.Grid(2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallWorld(4, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallWorld(3, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedInDegree(-1));
        var e2 = Assert.Throws<ArgumentException>(() => new FixedOutDegree(11).Build(5, 10, 0, false));
        Assert.Contains("outDegree = 11", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => new FixedInDegree(5).Build(10, 12, 0, true));
        Assert.Contains("nPre == nPost", e3.Message);
        Assert.Throws<ArgumentException>(() => new GaussianDistance(0.5, 1, NeuronPositions.Grid(3, 3)).Build(9, 10, 0, false));
        Assert.Throws<ArgumentException>(() => new OneToOne().Build(4, 5, 0, false));
        Assert.Throws<ArgumentException>(() => new ScaleFree(3, 5).Build(5, 5, 0, true));
    }
}
