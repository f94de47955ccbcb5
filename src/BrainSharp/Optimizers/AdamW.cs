using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter 2019, "Decoupled weight decay regularization", ICLR), exactly as torch.optim.AdamW:
/// first θ ← θ·(1 − γλ), then the <see cref="Adam{T}"/> update with no L2 term in the gradient.
/// State as Adam: "exp_avg", "exp_avg_sq" (and "max_exp_avg_sq" with AMSGrad).
/// </summary>
public sealed class AdamW<T> : Adam<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <param name="learningRate">γ, default 1e-3.</param>
    /// <param name="beta1">β1, default 0.9.</param>
    /// <param name="beta2">β2, default 0.999.</param>
    /// <param name="epsilon">ε, default 1e-8.</param>
    /// <param name="weightDecay">Decoupled decay λ, default 1e-2 (PyTorch's default).</param>
    /// <param name="amsGrad">AMSGrad variant, default false.</param>
    public AdamW(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 1e-2, bool amsGrad = false)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: true) { }
}
