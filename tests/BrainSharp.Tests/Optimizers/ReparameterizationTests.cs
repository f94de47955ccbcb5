using BrainSharp.Optimizers;

namespace BrainSharp.Tests.Optimizers;

public class ReparameterizationTests
{
    public static TheoryData<string> Kinds => new() { "softplus", "exp", "bounded" };

    private static IReparameterization Make(string kind) => kind switch
    {
        "softplus" => new SoftplusPositive(),
        "exp" => new ExpPositive(),
        _ => new LogisticBounded(-70, -40), // e.g. a reset potential in mV
    };

    private static readonly double[] Us = [-30, -8, -2.5, -0.3, 0, 0.01, 0.7, 3, 9, 25];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RoundTrips(string kind)
    {
        var r = Make(kind);
        foreach (var u in Us)
        {
            double x = r.Forward(u);
            // Inverse(Forward(u)) = u is well conditioned only where f' is not tiny relative to x.
            if (r.Derivative(u) > 1e-6 * Math.Max(1, Math.Abs(x)))
                Assert.True(Math.Abs(r.Inverse(x) - u) < 1e-8 * Math.Max(1, Math.Abs(u)), $"{r.Name}: u={u}, got {r.Inverse(x)}");
            Assert.True(Math.Abs(r.Forward(r.Inverse(x)) - x) <= 1e-13 * Math.Max(1, Math.Abs(x)), $"{r.Name}: x={x}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DerivativeMatchesFiniteDifferences(string kind)
    {
        var r = Make(kind);
        foreach (var u in Us)
        {
            if (Math.Abs(u) > 10) continue;
            double h = 1e-5 * Math.Max(1, Math.Abs(u));
            double fd = (r.Forward(u + h) - r.Forward(u - h)) / (2 * h);
            double d = r.Derivative(u);
            Assert.True(Math.Abs(fd - d) < 1e-6 * Math.Abs(d), $"{r.Name}: u={u}, f'={d}, fd={fd}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SpanMethodsMatchScalar(string kind)
    {
        var r = Make(kind);
        var u = Us.Where(v => Math.Abs(v) < 20).ToArray();
        var x = new double[u.Length];
        r.Forward<double>(u, x);
        var gx = u.Select((_, i) => 0.5 + i).ToArray();
        var gu = new double[u.Length];
        r.Backward<double>(u, gx, gu);
        var uf = u.Select(v => (float)v).ToArray();
        var xf = new float[u.Length];
        r.Forward<float>(uf, xf);
        for (int i = 0; i < u.Length; i++)
        {
            Assert.Equal(r.Forward(u[i]), x[i], 1e-14 * Math.Max(1, Math.Abs(x[i])));
            Assert.Equal(r.Derivative(u[i]) * gx[i], gu[i], 1e-14 * Math.Max(1, Math.Abs(gu[i])));
            Assert.Equal(r.Forward(uf[i]), xf[i], 1e-6 * Math.Max(1, Math.Abs(x[i])));
        }
        Assert.Throws<ArgumentException>(() => r.Forward<double>(u, new double[2]));
    }

    [Fact]
    public void SoftplusIsAccurateAtTheExtremes()
    {
        var s = new SoftplusPositive();
        Assert.Equal(Math.Exp(-40), s.Forward(-40), 1e-30);       // log1p(e^-40), not log(1 + e^-40) = 0
        Assert.Equal(800.0, s.Forward(800), 1e-12);                 // no overflow
        Assert.Equal(Math.Log(1e-20), s.Inverse(1e-20), 1e-9);      // log(expm1(x)) ≈ log x for tiny x
        Assert.Equal(800.0, s.Inverse(800), 1e-12);
        Assert.True(s.Forward(-800) > 0 || s.Forward(-800) == 0);
    }

    [Fact]
    public void InverseOutsideTheDomainThrowsNamingTheValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticBounded(0, 1).Inverse(1.5));
        Assert.Contains("1.5", e.Message);
        Assert.Contains("(0, 1)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticBounded(0, 1).Inverse(0));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new SoftplusPositive().Inverse(-2));
        Assert.Contains("-2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpPositive().Inverse(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpPositive().Inverse(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("high", () => new LogisticBounded(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>("low", () => new LogisticBounded(double.NegativeInfinity, 1));
    }
}
