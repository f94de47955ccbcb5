using System.Numerics;
using BrainSharp.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>Gradient clipping, as torch.nn.utils.clip_grad_norm_.</summary>
public static class GradientClipping
{
    /// <summary>Euclidean norm of all gradients together, √(Σ g²), accumulated in double.</summary>
    public static double GlobalNorm<T>(IReadOnlyList<Tensor<T>> gradients) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(gradients);
        // Scaled sum of squares (as LAPACK's dnrm2): no overflow for huge float gradients, no underflow for tiny ones.
        double scale = 0, ssq = 1;
        foreach (var t in gradients)
            foreach (var e in t.Span)
            {
                double a = Math.Abs(double.CreateChecked(e));
                if (a == 0) continue;
                if (!double.IsFinite(a)) return double.IsNaN(a) ? double.NaN : double.PositiveInfinity;
                if (scale < a) { ssq = 1 + ssq * (scale / a) * (scale / a); scale = a; }
                else ssq += (a / scale) * (a / scale);
            }
        return scale * Math.Sqrt(ssq);
    }

    /// <summary>
    /// Scales all gradients in place by min(1, maxNorm / (‖g‖ + 1e-6)) so that their global norm is at most
    /// <paramref name="maxNorm"/>; returns the norm before clipping. With <paramref name="errorIfNonfinite"/> a NaN or
    /// infinite norm throws, otherwise the gradients are left as they are (scaling would spread the NaN).
    /// </summary>
    public static double ClipByGlobalNorm<T>(IReadOnlyList<Tensor<T>> gradients, double maxNorm, bool errorIfNonfinite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"GradientClipping.ClipByGlobalNorm: maxNorm must be finite and > 0, got {maxNorm}.");
        double norm = GlobalNorm(gradients);
        if (!double.IsFinite(norm))
        {
            if (errorIfNonfinite)
                throw new ArithmeticException($"GradientClipping.ClipByGlobalNorm: the total gradient norm is {norm}.");
            return norm;
        }
        double coef = maxNorm / (norm + 1e-6);
        if (coef >= 1) return norm;
        T c = T.CreateChecked(coef);
        foreach (var t in gradients)
        {
            var s = t.Span;
            for (int i = 0; i < s.Length; i++) s[i] *= c;
        }
        return norm;
    }
}
