using BrainSharp.Numerics;
using BrainSharp.Optimizers;

namespace BrainSharp.Tests.Optimizers;

/// <summary>
/// Each optimizer minimizes ½‖Ax − b‖² (+ ½λ‖x‖² for SGD's weight decay) with the analytic gradient
/// Aᵀ(Ax − b) + λx, and must land within 1e-6 of the normal-equation solution (AᵀA + λI)⁻¹Aᵀb.
/// </summary>
public class LeastSquaresTests
{
    private const int M = 8, N = 3;
    private static readonly double[,] A = MakeA();
    private static readonly double[] B = [1.0, -2.0, 0.5, 3.0, -1.0, 0.0, 2.0, -0.5];

    private static double[,] MakeA()
    {
        var a = new double[M, N];
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
                a[i, j] = 0.5 * Math.Cos(0.7 * (i + 1) * (j + 1)) + (i == j ? 1 : 0);
        return a;
    }

    /// <summary>Solves (AᵀA + λI) x = Aᵀb by Gaussian elimination with partial pivoting.</summary>
    private static double[] Optimum(double lambda)
    {
        var m = new double[N, N + 1];
        for (int r = 0; r < N; r++)
        {
            for (int c = 0; c < N; c++)
            {
                double s = 0;
                for (int i = 0; i < M; i++) s += A[i, r] * A[i, c];
                m[r, c] = s + (r == c ? lambda : 0);
            }
            double y = 0;
            for (int i = 0; i < M; i++) y += A[i, r] * B[i];
            m[r, N] = y;
        }
        for (int k = 0; k < N; k++)
        {
            int piv = k;
            for (int r = k + 1; r < N; r++) if (Math.Abs(m[r, k]) > Math.Abs(m[piv, k])) piv = r;
            for (int c = 0; c <= N; c++) (m[k, c], m[piv, c]) = (m[piv, c], m[k, c]);
            for (int r = k + 1; r < N; r++)
            {
                double f = m[r, k] / m[k, k];
                for (int c = k; c <= N; c++) m[r, c] -= f * m[k, c];
            }
        }
        var x = new double[N];
        for (int r = N - 1; r >= 0; r--)
        {
            double s = m[r, N];
            for (int c = r + 1; c < N; c++) s -= m[r, c] * x[c];
            x[r] = s / m[r, r];
        }
        return x;
    }

    private static void Gradient(ReadOnlySpan<double> x, Span<double> g)
    {
        Span<double> r = stackalloc double[M];
        for (int i = 0; i < M; i++)
        {
            double s = -B[i];
            for (int j = 0; j < N; j++) s += A[i, j] * x[j];
            r[i] = s;
        }
        for (int j = 0; j < N; j++)
        {
            double s = 0;
            for (int i = 0; i < M; i++) s += A[i, j] * r[i];
            g[j] = s;
        }
    }

    /// <summary>x is split over two tensors (sizes 2 and 1) to exercise the parameter list.</summary>
    private static double[] Solve(Optimizer<double> opt, int steps, LearningRateSchedule? schedule = null)
    {
        var p0 = new Tensor<double>(2); var p1 = new Tensor<double>(1);
        var g0 = new Tensor<double>(2); var g1 = new Tensor<double>(1);
        Span<double> x = stackalloc double[N], g = stackalloc double[N];
        for (int s = 0; s < steps; s++)
        {
            schedule?.Apply(opt, s);
            x[0] = p0.Data[0]; x[1] = p0.Data[1]; x[2] = p1.Data[0];
            Gradient(x, g);
            g0.Data[0] = g[0]; g0.Data[1] = g[1]; g1.Data[0] = g[2];
            opt.Step([p0, p1], [g0, g1]);
        }
        return [p0.Data[0], p0.Data[1], p1.Data[0]];
    }

    private static void AssertNear(double[] expected, double[] actual)
    {
        for (int j = 0; j < N; j++)
            Assert.True(Math.Abs(expected[j] - actual[j]) < 1e-6, $"x[{j}] = {actual[j]:R}, optimum {expected[j]:R}");
    }

    [Fact] public void Sgd() => AssertNear(Optimum(0), Solve(new Sgd<double>(0.1), 2000));
    [Fact] public void SgdMomentum() => AssertNear(Optimum(0), Solve(new Sgd<double>(0.05, momentum: 0.9), 1000));
    [Fact] public void SgdNesterov() => AssertNear(Optimum(0), Solve(new Sgd<double>(0.05, momentum: 0.9, nesterov: true), 1000));
    // L2 weight decay λ moves the optimum to the ridge solution.
    [Fact] public void SgdWeightDecayFindsRidgeSolution() => AssertNear(Optimum(0.3), Solve(new Sgd<double>(0.1, momentum: 0.5, weightDecay: 0.3), 1000));
    [Fact] public void Adam() => AssertNear(Optimum(0), Solve(new Adam<double>(0.05), 3000, new CosineAnnealing(0.05, 3000)));
    [Fact] public void AdamAmsGrad() => AssertNear(Optimum(0), Solve(new Adam<double>(0.05, amsGrad: true), 3000, new CosineAnnealing(0.05, 3000)));
    [Fact] public void AdamWithoutDecay() => AssertNear(Optimum(0), Solve(new AdamW<double>(0.05, weightDecay: 0), 3000, new ExponentialDecay(0.05, 0.997)));
    [Fact] public void RmsProp() => AssertNear(Optimum(0), Solve(new RmsProp<double>(0.01), 3000, new ExponentialDecay(0.01, 0.997)));
    [Fact] public void RmsPropCenteredMomentum() => AssertNear(Optimum(0), Solve(new RmsProp<double>(0.005, momentum: 0.5, centered: true), 4000, new CosineAnnealing(0.005, 4000)));
    [Fact] public void Adagrad() => AssertNear(Optimum(0), Solve(new Adagrad<double>(0.5), 3000));
}
