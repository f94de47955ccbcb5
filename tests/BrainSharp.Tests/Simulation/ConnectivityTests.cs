using BrainSharp.Connectivity;

namespace BrainSharp.Tests.Simulation;

public class ConnectivityTests
{
    [Theory]
    [InlineData(0.02, 4000, 3000, false)]
    [InlineData(0.1, 800, 800, true)]
    [InlineData(0.5, 300, 200, false)]
    public void InDegreeMeanWithinThreeStandardErrors(double p, int nPre, int nPost, bool same)
    {
        var csr = new FixedProbability(p).Build(nPre, nPost, seed: 99, samePopulation: same);
        var inDeg = new int[nPost];
        foreach (int j in csr.PostIndices) inDeg[j]++;
        int candidates = same ? nPre - 1 : nPre; // self-connections dropped by default
        double mean = inDeg.Average();
        double se = Math.Sqrt(candidates * p * (1 - p) / nPost);
        Assert.InRange(mean, candidates * p - 3 * se, candidates * p + 3 * se);
        // The in-degree variance of independent Bernoulli draws is n p (1 - p); its estimate must be near it.
        double var = inDeg.Select(d => (d - mean) * (d - mean)).Sum() / (nPost - 1);
        Assert.InRange(var, candidates * p * (1 - p) * 0.8, candidates * p * (1 - p) * 1.2);
    }

    [Fact]
    public void RowsAreSortedUniqueAndSelfFreeWhenSamePopulation()
    {
        var csr = new FixedProbability(0.3).Build(200, 200, seed: 5, samePopulation: true);
        for (int i = 0; i < 200; i++)
        {
            var row = csr.Row(i);
            for (int k = 0; k < row.Length; k++)
            {
                Assert.NotEqual(i, row[k]);
                if (k > 0) Assert.True(row[k] > row[k - 1]);
            }
        }
        var withSelf = new FixedProbability(1.0) { AllowSelfConnections = true }.Build(7, 7, 1, true);
        Assert.Equal(49, withSelf.NonZeros);
    }

    [Fact]
    public void ProceduralRowsEqualCsrRows()
    {
        var conn = new FixedProbability(0.05);
        var csr = conn.Build(1000, 700, seed: 42, samePopulation: false);
        var buf = new int[conn.MaxRowLength(1000, 700)];
        for (int i = 0; i < 1000; i++)
        {
            int m = conn.Row(i, 1000, 700, 42, false, buf);
            Assert.Equal(csr.Row(i).ToArray(), buf.AsSpan(0, m).ToArray());
        }
        var other = conn.Build(1000, 700, seed: 43, samePopulation: false);
        Assert.NotEqual(csr.PostIndices, other.PostIndices);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideUnitIntervalThrows(double p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FixedProbability(p));
        Assert.Contains("FixedProbability", ex.Message);
        Assert.Contains("parameter p", ex.Message);
        Assert.Contains(p.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }
}
