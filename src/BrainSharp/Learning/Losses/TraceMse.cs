using System.Numerics;

namespace BrainSharp.Learning.Losses;

/// <summary>Mean squared error between the readout y [steps, batch, outputs] and a target trace of the same layout: mean of (y - target)^2.</summary>
public static class TraceMse
{
    /// <summary>Returns the loss and writes dLoss/dy into <paramref name="gradY"/> (overwritten).</summary>
    public static double Compute<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> target, Span<T> gradY)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.Length != y.Length || gradY.Length != y.Length)
            throw new ArgumentException($"TraceMse: lengths differ (y {y.Length}, target {target.Length}, grad {gradY.Length}).");
        double loss = 0, scale = 2.0 / y.Length;
        for (int i = 0; i < y.Length; i++)
        {
            double d = double.CreateTruncating(y[i] - target[i]);
            loss += d * d;
            gradY[i] = T.CreateTruncating(scale * d);
        }
        return loss / y.Length;
    }
}
