using BrainSharp.Surrogates;

namespace BrainSharp.Tests.Surrogates;

public class SurrogateTests
{
    /// <summary>Each surrogate with the points where its derivative has a kink (finite differences skip those).</summary>
    private static readonly (ISurrogate S, double[] Kinks)[] All =
    [
        (new SigmoidSurrogate(), []),
        (new SigmoidSurrogate(10), []),
        (new ArctanSurrogate(), []),
        (new ArctanSurrogate(0.5), []),
        (new PiecewiseQuadraticSurrogate(), [-1, 0, 1]),
        (new PiecewiseQuadraticSurrogate(2.5), [-0.4, 0, 0.4]),
        (new PiecewiseExponentialSurrogate(), [0]),
        (new PiecewiseExponentialSurrogate(3), [0]),
        (new SoftSignSurrogate(), [0]),
        (new FastSigmoidSurrogate(), [0]),
        (new FastSigmoidSurrogate(25), [0]),
        (new GaussianSurrogate(), []),
        (new GaussianSurrogate(1.3), []),
        (new MultiGaussianSurrogate(), []),
        (new MultiGaussianSurrogate(0.3, 0.2, 4, 1), []),
        (new TriangleSurrogate(), [-1, 0, 1]),
        (new TriangleSurrogate(2, 0.5), [-0.5, 0, 0.5]),
        (new ErfSurrogate(), []),
        (new ErfSurrogate(0.7), []),
        (new SlayerExponentialSurrogate(), [0]),
        (new SlayerExponentialSurrogate(4, 0.3), [0]),
        (new StraightThroughSurrogate(), []),
        (new StraightThroughSurrogate(0.25), []),
        (new RectangularSurrogate(), [-0.5, 0.5]),
        (new RectangularSurrogate(0.3), [-0.15, 0.15]),
    ];

    public static TheoryData<int> Indices()
    {
        var d = new TheoryData<int>();
        for (int i = 0; i < All.Length; i++) d.Add(i);
        return d;
    }

    private static IEnumerable<double> Grid()
    {
        for (double x = -4; x <= 4; x += 0.0371) yield return x;
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void DerivativeMatchesFiniteDifferenceOfPrimitive(int index)
    {
        var (s, kinks) = All[index];
        double peak = s.Derivative(0);
        const double h = 1e-5;
        int tested = 0;
        foreach (var x in Grid().Append(0.0).Append(0.3).Append(-1.7))
        {
            double d = s.Derivative(x);
            if (Math.Abs(d) < 1e-2 * peak) continue;           // relative error is meaningless where D ≈ 0
            if (kinks.Any(k => Math.Abs(x - k) < 20 * h)) continue; // one-sided curvature spoils O(h²) there
            double fd = (s.Primitive(x + h) - s.Primitive(x - h)) / (2 * h);
            Assert.True(Math.Abs(fd - d) < 1e-6 * Math.Abs(d), $"{s.Name} at x={x}: D={d:R}, FD of P={fd:R}");
            tested++;
        }
        Assert.True(tested >= 5, $"{s.Name}: only {tested} points tested");
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void IntegralOfDerivativeIsThePrimitiveDifference(int index)
    {
        // Independent of finite differences of P: 5-point Gauss-Legendre on D over [-L, L], split at the kinks
        // (Gauss nodes are interior, so a jump such as the rectangle's edge is integrated exactly), against P(L) - P(-L).
        var (s, kinks) = All[index];
        const double L = 6;
        ReadOnlySpan<double> node = [0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640];
        ReadOnlySpan<double> weight = [0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891];
        var edges = kinks.Where(k => Math.Abs(k) < L).Prepend(-L).Append(L).Order().ToArray();
        double integral = 0;
        for (int p = 0; p + 1 < edges.Length; p++)
        {
            int m = (int)Math.Ceiling((edges[p + 1] - edges[p]) / 0.01);
            double w = (edges[p + 1] - edges[p]) / m;
            for (int j = 0; j < m; j++)
            {
                double mid = edges[p] + (j + 0.5) * w;
                for (int q = 0; q < 5; q++) integral += weight[q] * w / 2 * s.Derivative(mid + node[q] * w / 2);
            }
        }
        double expected = s.Primitive(L) - s.Primitive(-L);
        Assert.True(Math.Abs(integral - expected) < 1e-6 * Math.Max(1, Math.Abs(expected)), $"{s.Name}: ∫D = {integral:R}, ΔP = {expected:R}");
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void PeakAtZeroAndSymmetric(int index)
    {
        var (s, _) = All[index];
        double peak = s.Derivative(0);
        Assert.True(peak > 0, s.Name);
        foreach (var x in Grid())
        {
            Assert.True(s.Derivative(x) <= peak, $"{s.Name}: D({x}) = {s.Derivative(x)} > D(0) = {peak}");
            Assert.True(Math.Abs(s.Derivative(x) - s.Derivative(-x)) <= 1e-15 * peak, $"{s.Name}: D({x}) != D({-x})");
        }
    }

    [Fact]
    public void PeakValuesMatchClosedForms()
    {
        Assert.Equal(4.0 / 4, new SigmoidSurrogate(4).Derivative(0), 1e-15);
        Assert.Equal(2.0 / 2, new ArctanSurrogate(2).Derivative(0), 1e-15);
        Assert.Equal(2.5, new PiecewiseQuadraticSurrogate(2.5).Derivative(0), 1e-15);
        Assert.Equal(1.5, new PiecewiseExponentialSurrogate(3).Derivative(0), 1e-15);
        Assert.Equal(1.0, new SoftSignSurrogate(2).Derivative(0), 1e-15);
        Assert.Equal(1.0, new FastSigmoidSurrogate(25).Derivative(0), 1e-15);
        Assert.Equal(1 / (0.5 * Math.Sqrt(2 * Math.PI)), new GaussianSurrogate(0.5).Derivative(0), 1e-15);
        Assert.Equal(2 / Math.Sqrt(Math.PI), new ErfSurrogate(2).Derivative(0), 1e-15);
        Assert.Equal(0.3, new TriangleSurrogate().Derivative(0), 1e-15);
        Assert.Equal(0.3, new SlayerExponentialSurrogate(4, 0.3).Derivative(0), 1e-15);
        Assert.Equal(0.25, new StraightThroughSurrogate(0.25).Derivative(0), 1e-15);
        Assert.Equal(1 / 0.3, new RectangularSurrogate(0.3).Derivative(0), 1e-14);
        // Yin et al.'s code: 0.5 * (1.15 * N(0; 0, 0.5) - 2 * 0.15 * N(0; 0.5, 3)).
        double n0 = 1 / (0.5 * Math.Sqrt(2 * Math.PI)), n1 = Math.Exp(-0.25 / 18) / (3 * Math.Sqrt(2 * Math.PI));
        Assert.Equal(0.5 * (1.15 * n0 - 0.3 * n1), new MultiGaussianSurrogate().Derivative(0), 1e-15);
        // Far from threshold the multi-Gaussian gradient is negative (its point).
        Assert.True(new MultiGaussianSurrogate().Derivative(2.5) < 0);
        // Sigmoid: σ'(αx)·α at a generic point.
        double sg = 1 / (1 + Math.Exp(-4 * 0.3));
        Assert.Equal(4 * sg * (1 - sg), new SigmoidSurrogate(4).Derivative(0.3), 1e-15);
        Assert.Equal(0.0, new SigmoidSurrogate(4).Derivative(1e6));
    }

    [Fact]
    public void EquivalentParameterizationsAgree()
    {
        var erf = new ErfSurrogate(1.7);
        var gauss = new GaussianSurrogate(1 / (1.7 * Math.Sqrt(2)));
        var tri = new TriangleSurrogate(2.5, 2.5);
        var pq = new PiecewiseQuadraticSurrogate(2.5);
        foreach (var x in Grid())
        {
            Assert.Equal(gauss.Derivative(x), erf.Derivative(x), 1e-14);
            Assert.Equal(pq.Derivative(x), tri.Derivative(x), 1e-14);
        }
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void SpanHelpersMatchScalar(int index)
    {
        var (s, _) = All[index];
        var x = Grid().Append(0.123).ToArray(); // 217 elements: SIMD body plus a scalar tail
        var xf = x.Select(v => (float)v).ToArray();
        var gout = x.Select((_, i) => 1.0 + 0.01 * i).ToArray();
        var goutf = gout.Select(v => (float)v).ToArray();
        var d = new double[x.Length]; var df = new float[x.Length];
        s.Derivative(x, d);
        s.Derivative(xf, df);
        var gin = new double[x.Length]; var ginf = (float[])goutf.Clone();
        s.Backward(x, gout, gin);
        s.Backward(xf, ginf, ginf); // in place
        double peak = s.Derivative(0);
        for (int i = 0; i < x.Length; i++)
        {
            // The span path is SIMD (Vector.Exp), the scalar path Math.Exp: equal to within a few ulps.
            Assert.True(Math.Abs(s.Derivative(x[i]) - d[i]) <= 1e-14 * peak, $"{s.Name} at {x[i]}: {d[i]:R} vs {s.Derivative(x[i]):R}");
            Assert.True(Math.Abs(gout[i] * s.Derivative(x[i]) - gin[i]) <= 1e-14 * gout[i] * peak, $"{s.Name} backward at {x[i]}");
            Assert.True(Math.Abs(df[i] - s.Derivative(xf[i])) <= 1e-6 * peak, $"{s.Name} float at {xf[i]}");
            Assert.True(Math.Abs(ginf[i] - goutf[i] * s.Derivative(xf[i])) <= 2e-6 * goutf[i] * peak, $"{s.Name} float backward at {xf[i]}");
        }
        Assert.Throws<ArgumentException>(() => s.Derivative(x, new double[3]));
        Assert.Throws<ArgumentException>(() => s.Backward(xf, goutf, new float[3]));
    }

    [Fact]
    public void UserSurrogateGetsDefaultSpanHelpers()
    {
        ISurrogate s = new Cubic();
        double[] x = [-1, 0.5, 2];
        var d = new double[3];
        s.Derivative(x, d);
        Assert.Equal([3.0, 0.75, 12.0], d);
        var g = new float[3];
        s.Backward([-1f, 0.5f, 2f], [2f, 2f, 2f], g);
        Assert.Equal([6f, 1.5f, 24f], g);
    }

    private sealed class Cubic : ISurrogate
    {
        public string Name => "Cubic";
        public double Derivative(double x) => 3 * x * x;
        public double Primitive(double x) => x * x * x;
    }

    [Fact]
    public void BadParametersThrowNamingThem()
    {
        void Check(Func<object> make, string param, string text)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(make);
            Assert.Equal(param, e.ParamName);
            Assert.Contains(text, e.Message);
        }
        foreach (var bad in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
        {
            string t = bad.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Check(() => new SigmoidSurrogate(bad), "alpha", t);
            Check(() => new ArctanSurrogate(bad), "alpha", t);
            Check(() => new PiecewiseQuadraticSurrogate(bad), "alpha", t);
            Check(() => new PiecewiseExponentialSurrogate(bad), "alpha", t);
            Check(() => new SoftSignSurrogate(bad), "alpha", t);
            Check(() => new FastSigmoidSurrogate(bad), "beta", t);
            Check(() => new GaussianSurrogate(bad), "sigma", t);
            Check(() => new MultiGaussianSurrogate(sigma: bad), "sigma", t);
            Check(() => new MultiGaussianSurrogate(scale: bad), "scale", t);
            Check(() => new TriangleSurrogate(bad), "alpha", t);
            Check(() => new TriangleSurrogate(1, bad), "dampening", t);
            Check(() => new ErfSurrogate(bad), "alpha", t);
            Check(() => new SlayerExponentialSurrogate(bad), "beta", t);
            Check(() => new SlayerExponentialSurrogate(1, bad), "amplitude", t);
            Check(() => new StraightThroughSurrogate(bad), "scale", t);
            Check(() => new RectangularSurrogate(bad), "width", t);
        }
        Check(() => new MultiGaussianSurrogate(height: -0.1), "height", "-0.1");
        Assert.Contains("SigmoidSurrogate", Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidSurrogate(-2)).Message);
    }

    [Fact]
    public void NamesShowParameters()
    {
        Assert.Equal("Sigmoid(alpha=4)", new SigmoidSurrogate().Name);
        Assert.Equal("SlayerExponential(beta=4, amplitude=0.3)", new SlayerExponentialSurrogate(4, 0.3).Name);
    }
}
