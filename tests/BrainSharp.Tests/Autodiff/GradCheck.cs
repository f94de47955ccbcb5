using BrainSharp.Autodiff;
using BrainSharp.Numerics;

namespace BrainSharp.Tests.Autodiff;

/// <summary>Central finite differences against reverse-mode gradients, in float64.</summary>
internal static class GradCheck
{
    /// <summary>
    /// Checks d/dx_i of sum(w * f(x)) for a fixed random w (so every output element matters with a different weight).
    /// Returns the worst relative error ||analytic - numeric|| / max(||analytic||, ||numeric||) over the inputs.
    /// </summary>
    public static double MaxRelativeError(Func<Tensor<double>[], Tensor<double>> f, params Tensor<double>[] inputs)
    {
        Tensor<double> y0;
        using (Autograd.NoGrad()) y0 = f(inputs);
        var w = Tensor<double>.RandomUniform(99, 0.5, 1.5, y0.Shape);
        Tensor<double> Loss(Tensor<double>[] xs) => (f(xs) * w).Sum();
        var analytic = Autograd.Grad(Loss, inputs);
        double worst = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i].Shape, analytic[i].Shape);
            var numeric = new double[inputs[i].Size];
            for (int j = 0; j < numeric.Length; j++)
            {
                var xs = (Tensor<double>[])inputs.Clone();
                double x = inputs[i].Data[j], h = 1e-5 * Math.Max(1, Math.Abs(x));
                var plus = inputs[i].Clone(); plus.Data[j] = x + h;
                var minus = inputs[i].Clone(); minus.Data[j] = x - h;
                double lp, lm;
                using (Autograd.NoGrad())
                {
                    xs[i] = plus; lp = Loss(xs).ToScalar();
                    xs[i] = minus; lm = Loss(xs).ToScalar();
                }
                numeric[j] = (lp - lm) / (2 * h);
            }
            double diff = 0, na = 0, nn = 0;
            for (int j = 0; j < numeric.Length; j++)
            {
                diff += Math.Pow(analytic[i].Data[j] - numeric[j], 2);
                na += Math.Pow(analytic[i].Data[j], 2);
                nn += numeric[j] * numeric[j];
            }
            double scale = Math.Max(Math.Sqrt(Math.Max(na, nn)), 1e-12);
            worst = Math.Max(worst, Math.Sqrt(diff) / scale);
        }
        return worst;
    }

    /// <summary>Uniform values in [lo, hi) from a seed.</summary>
    public static Tensor<double> U(ulong seed, double lo, double hi, params int[] shape) => Tensor<double>.RandomUniform(seed, lo, hi, shape);

    /// <summary>Values with |x| in [0.2, 1.5] and random sign: away from the kinks of abs/relu/clamp at 0.</summary>
    public static Tensor<double> AwayFromZero(ulong seed, params int[] shape)
    {
        var t = U(seed, 0.2, 1.5, shape);
        var s = U(seed + 1000, -1, 1, shape);
        for (int i = 0; i < t.Size; i++) if (s.Data[i] < 0) t.Data[i] = -t.Data[i];
        return t;
    }
}
