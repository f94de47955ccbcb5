using BrainSharp.Learning.Layers;

namespace BrainSharp.Tests.Learning;

/// <summary>SpikeFunction evaluates the Surrogates' formulas inline; check them against their closed forms and the surrogate objects.</summary>
public class SpikeFunctionTests
{
    private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));

    public static TheoryData<string, double> Cases => new()
    {
        { "triangle", 0.3 }, { "triangle", 1.0 }, { "fast", 5 }, { "sigmoid", 4 }, { "smooth", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DerivativeMatchesClosedFormAndSurrogateObject(string kind, double a)
    {
        var f = kind switch
        {
            "triangle" => SpikeFunction.Triangle(a),
            "fast" => SpikeFunction.FastSigmoid(a),
            "sigmoid" => SpikeFunction.Sigmoid(a),
            _ => SpikeFunction.SmoothSigmoid(a),
        };
        var surrogate = f.ToSurrogate();
        for (double u = -2.5; u <= 2.5; u += 0.125)
        {
            double expected = kind switch
            {
                "triangle" => a * Math.Max(0, 1 - Math.Abs(u)),                       // Bellec et al. 2018
                "fast" => 1 / Math.Pow(1 + a * Math.Abs(u), 2),                        // SuperSpike
                _ => a * Logistic(a * u) * (1 - Logistic(a * u)),                      // logistic derivative
            };
            double s = kind == "smooth" ? Logistic(a * u) : (u > 0 ? 1 : 0);
            Assert.Equal(expected, f.Derivative(u, s), 12);
            Assert.Equal(expected, (double)f.Derivative((float)u, (float)s), 5);   // float32
            Assert.Equal(expected, surrogate.Derivative(u), 12);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void NonPositiveSlopeThrowsNamingIt(double a)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SpikeFunction.FastSigmoid(a));
        Assert.Contains("SpikeFunction.FastSigmoid", e.Message);
        Assert.Contains(a.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }
}
