using BrainSharp.Numerics;
using BrainSharp.Optimizers;

namespace BrainSharp.Tests.Optimizers;

/// <summary>
/// The first steps of each optimizer against a second, textbook-form implementation of the published update
/// (bias-corrected moments written as m̂ = m/(1−β1^t) etc., not PyTorch's rearranged form), plus a few
/// values worked out by hand.
/// </summary>
public class OptimizerReferenceTests
{
    // A small nonconvex-ish gradient field on two tensors (sizes 2 and 1): g = 2(θ − c) + 0.3 θ³.
    private static readonly double[] Target = [0.7, -0.4, 1.5];
    private static double Grad(double theta, int k) => 2 * (theta - Target[k]) + 0.3 * theta * theta * theta;
    private static readonly double[] Start = [0.2, 1.1, -0.5];

    private static double[][] RunOptimizer(Optimizer<double> opt, int steps)
    {
        var p0 = new Tensor<double>([Start[0], Start[1]], 2);
        var p1 = new Tensor<double>([Start[2]], 1);
        var g0 = new Tensor<double>(2);
        var g1 = new Tensor<double>(1);
        var trace = new double[steps][];
        for (int s = 0; s < steps; s++)
        {
            g0.Data[0] = Grad(p0.Data[0], 0); g0.Data[1] = Grad(p0.Data[1], 1); g1.Data[0] = Grad(p1.Data[0], 2);
            opt.Step([p0, p1], [g0, g1]);
            trace[s] = [p0.Data[0], p0.Data[1], p1.Data[0]];
        }
        return trace;
    }

    /// <summary>Runs a per-element reference update: state[k] is any per-element state, t is the 1-based step.</summary>
    private static double[][] RunReference(int steps, Func<int, double, double, double[], double> update, int stateSize)
    {
        var theta = (double[])Start.Clone();
        var state = new double[3][];
        for (int k = 0; k < 3; k++) state[k] = new double[stateSize];
        var trace = new double[steps][];
        for (int t = 1; t <= steps; t++)
        {
            for (int k = 0; k < 3; k++) theta[k] = update(t, theta[k], Grad(theta[k], k), state[k]);
            trace[t - 1] = (double[])theta.Clone();
        }
        return trace;
    }

    private static void AssertClose(double[][] expected, double[][] actual, double tol = 1e-13)
    {
        for (int s = 0; s < expected.Length; s++)
            for (int k = 0; k < 3; k++)
                Assert.True(Math.Abs(expected[s][k] - actual[s][k]) <= tol * Math.Max(1, Math.Abs(expected[s][k])),
                    $"step {s + 1}, element {k}: reference {expected[s][k]:R}, optimizer {actual[s][k]:R}");
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, false)]
    [InlineData(0.9, 0.0, 0.0, false)]
    [InlineData(0.8, 0.3, 0.05, false)]
    [InlineData(0.9, 0.0, 0.01, true)]
    public void SgdMatchesReference(double mu, double damp, double wd, bool nesterov)
    {
        const double lr = 0.05;
        var expected = RunReference(6, (t, th, g, st) =>
        {
            g += wd * th;
            if (mu != 0)
            {
                st[0] = t == 1 ? g : mu * st[0] + (1 - damp) * g;
                g = nesterov ? g + mu * st[0] : st[0];
            }
            return th - lr * g;
        }, 1);
        AssertClose(expected, RunOptimizer(new Sgd<double>(lr, mu, damp, wd, nesterov), 6));
    }

    [Fact]
    public void SgdHandComputedSteps()
    {
        // f = θ², g = 2θ, θ0 = 1, lr 0.1, momentum 0.9:
        // b1 = 2, θ1 = 0.8; b2 = 1.8 + 1.6 = 3.4, θ2 = 0.46; b3 = 3.06 + 0.92 = 3.98, θ3 = 0.062.
        Assert.Equal([0.8, 0.46, 0.062], Quadratic(new Sgd<double>(0.1, momentum: 0.9), 3), new Tol(1e-15));
        // Nesterov: b1 = 2, g' = 2 + 1.8 = 3.8, θ1 = 0.62; g = 1.24, b2 = 3.04, g' = 1.24 + 2.736, θ2 = 0.2224.
        Assert.Equal([0.62, 0.2224], Quadratic(new Sgd<double>(0.1, momentum: 0.9, nesterov: true), 2), new Tol(1e-15));
        // Weight decay 0.1: g = 2.1θ, θ ← 0.79θ.
        Assert.Equal([0.79, 0.6241], Quadratic(new Sgd<double>(0.1, weightDecay: 0.1), 2), new Tol(1e-15));
    }

    [Fact]
    public void AdamHandComputedFirstStep()
    {
        // Step 1: m̂ = g, v̂ = g², so θ1 = θ0 − lr·g/(|g| + ε) = 1 − 0.1·2/(2 + 1e-8).
        Assert.Equal(1 - 0.1 * 2 / (2 + 1e-8), Quadratic(new Adam<double>(0.1), 1)[0], 1e-15);
        // AdamW first decays: θ ← 1·(1 − 0.1·0.5) = 0.95, then the Adam step with g = 2 (the gradient at θ0 = 1).
        Assert.Equal(0.95 - 0.1 * 2 / (2 + 1e-8), Quadratic(new AdamW<double>(0.1, weightDecay: 0.5), 1)[0], 1e-15);
    }

    private static double[] Quadratic(Optimizer<double> opt, int steps)
    {
        var p = new Tensor<double>([1.0], 1);
        var g = new Tensor<double>(1);
        var r = new double[steps];
        for (int s = 0; s < steps; s++)
        {
            g.Data[0] = 2 * p.Data[0];
            opt.Step([p], [g]);
            r[s] = p.Data[0];
        }
        return r;
    }

    private sealed class Tol(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(double x) => 0;
    }

    [Theory]
    [InlineData(0.0, false, false)]
    [InlineData(0.02, false, false)]
    [InlineData(0.0, true, false)]
    [InlineData(0.05, false, true)]
    [InlineData(0.05, true, true)]
    public void AdamAndAdamWMatchReference(double wd, bool amsgrad, bool decoupled)
    {
        const double lr = 0.03, b1 = 0.8, b2 = 0.95, eps = 1e-6;
        var expected = RunReference(8, (t, th, g, st) =>
        {
            if (decoupled) th *= 1 - lr * wd; else g += wd * th;
            st[0] = b1 * st[0] + (1 - b1) * g;
            st[1] = b2 * st[1] + (1 - b2) * g * g;
            st[2] = Math.Max(st[2], st[1]);
            double mHat = st[0] / (1 - Math.Pow(b1, t));
            double vHat = (amsgrad ? st[2] : st[1]) / (1 - Math.Pow(b2, t));
            return th - lr * mHat / (Math.Sqrt(vHat) + eps);
        }, 3);
        Optimizer<double> opt = decoupled
            ? new AdamW<double>(lr, b1, b2, eps, wd, amsgrad)
            : new Adam<double>(lr, b1, b2, eps, wd, amsgrad);
        AssertClose(expected, RunOptimizer(opt, 8), 1e-12);
    }

    [Theory]
    [InlineData(0.0, 0.0, false)]
    [InlineData(0.01, 0.0, true)]
    [InlineData(0.0, 0.7, false)]
    [InlineData(0.02, 0.5, true)]
    public void RmsPropMatchesReference(double wd, double mu, bool centered)
    {
        const double lr = 0.01, alpha = 0.9, eps = 1e-8;
        var expected = RunReference(8, (t, th, g, st) =>
        {
            g += wd * th;
            st[0] = alpha * st[0] + (1 - alpha) * g * g;
            st[1] = alpha * st[1] + (1 - alpha) * g;
            double avg = Math.Sqrt(centered ? st[0] - st[1] * st[1] : st[0]) + eps;
            if (mu > 0) { st[2] = mu * st[2] + g / avg; return th - lr * st[2]; }
            return th - lr * g / avg;
        }, 3);
        AssertClose(expected, RunOptimizer(new RmsProp<double>(lr, alpha, eps, wd, mu, centered), 8), 1e-12);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(0.1, 0.03, 0.2)]
    public void AdagradMatchesReference(double lrDecay, double wd, double init)
    {
        const double lr = 0.1, eps = 1e-10;
        var expected = RunReference(8, (t, th, g, st) =>
        {
            if (t == 1) st[0] = init;
            g += wd * th;
            st[0] += g * g;
            double clr = lr / (1 + (t - 1) * lrDecay);
            return th - clr * g / (Math.Sqrt(st[0]) + eps);
        }, 1);
        AssertClose(expected, RunOptimizer(new Adagrad<double>(lr, lrDecay, wd, init, eps), 8), 1e-12);
    }

    [Fact]
    public void FloatOptimizerTracksDouble()
    {
        var pd = new Tensor<double>([1.0, -2.0], 2); var gd = new Tensor<double>(2);
        var pf = new Tensor<float>([1f, -2f], 2); var gf = new Tensor<float>(2);
        var od = new Adam<double>(0.05); var of = new Adam<float>(0.05);
        for (int s = 0; s < 50; s++)
        {
            for (int i = 0; i < 2; i++) { gd.Data[i] = 2 * pd.Data[i]; gf.Data[i] = 2 * pf.Data[i]; }
            od.Step([pd], [gd]); of.Step([pf], [gf]);
        }
        for (int i = 0; i < 2; i++) Assert.Equal(pd.Data[i], pf.Data[i], 1e-5);
    }
}
