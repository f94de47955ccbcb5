using BrainSharp.Random;

namespace BrainSharp.Tests.Random;

public class SpecialFunctionsTests
{
    [Theory]
    // Reference values: Abramowitz & Stegun Table 7.1 / mpmath erf.
    [InlineData(0.0, 0.0)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(-1.5, -0.9661051464753108)]
    public void ErfMatchesTables(double x, double expected)
        => Assert.Equal(expected, SpecialFunctions.Erf(x), 1e-15);

    [Fact]
    public void LogGammaMatchesLogFactorial()
    {
        double logFact = 0;
        for (int k = 1; k <= 200; k++)
        {
            logFact += Math.Log(k);
            // Gamma(k + 1) = k!
            Assert.True(Math.Abs(SpecialFunctions.LogGamma(k + 1) - logFact) < 1e-12 * Math.Max(1, logFact), $"k={k}");
        }
        Assert.Equal(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 1e-12); // Gamma(1/2) = sqrt(pi)
    }
}
