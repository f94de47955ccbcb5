using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// RMSProp (Hinton, Coursera lecture 6e, 2012; centered form of Graves 2013), exactly as torch.optim.RMSprop:
/// <code>
/// g ← g + λ·θ
/// s ← α·s + (1 − α)·g²
/// a ← α·a + (1 − α)·g ;  d ← √(s − a²) + ε    (centered)
///                        d ← √s + ε           (otherwise)
/// b ← μ·b + g/d ;  θ ← θ − γ·b                (momentum μ &gt; 0)
/// θ ← θ − γ·g/d                               (otherwise)
/// </code>
/// State: "square_avg" (s), "momentum_buffer" (b), "grad_avg" (a) per parameter (always all three, zeros when unused).
/// </summary>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Smoothing constant α in [0, 1].</summary>
    public double Alpha { get; }
    /// <summary>ε ≥ 0 added to the denominator.</summary>
    public double Epsilon { get; }
    /// <summary>L2 penalty λ ≥ 0.</summary>
    public double WeightDecay { get; }
    /// <summary>Momentum μ in [0, 1].</summary>
    public double Momentum { get; }
    /// <summary>Whether the gradient is normalized by its estimated variance instead of its second moment.</summary>
    public bool Centered { get; }

    /// <param name="learningRate">γ, default 1e-2.</param>
    /// <param name="alpha">α, default 0.99.</param>
    /// <param name="epsilon">ε, default 1e-8.</param>
    /// <param name="weightDecay">λ, default 0.</param>
    /// <param name="momentum">μ, default 0.</param>
    /// <param name="centered">Centered variant, default false.</param>
    public RmsProp(double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(learningRate, "square_avg", "momentum_buffer", "grad_avg")
    {
        CheckRange(nameof(alpha), alpha, 0, 1);
        CheckRange(nameof(epsilon), epsilon, 0, double.MaxValue);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        CheckRange(nameof(momentum), momentum, 0, 1);
        Alpha = alpha; Epsilon = epsilon; WeightDecay = weightDecay; Momentum = momentum; Centered = centered;
    }

    /// <inheritdoc/>
    public override string Name => $"RmsProp(lr={F(LearningRate)}, alpha={F(Alpha)}, eps={F(Epsilon)}, weight_decay={F(WeightDecay)}, momentum={F(Momentum)}, centered={Centered})";

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> p, ReadOnlySpan<T> grad)
    {
        T lr = C(LearningRate), alpha = C(Alpha), w = C(1 - Alpha), eps = C(Epsilon), wd = C(WeightDecay), mu = C(Momentum);
        bool useWd = WeightDecay != 0, useMom = Momentum > 0;
        Span<T> sq = Buffer(0, index), buf = Buffer(1, index), ga = Buffer(2, index);
        for (int j = 0; j < p.Length; j++)
        {
            T g = grad[j];
            if (useWd) g += wd * p[j];
            T s = alpha * sq[j] + w * g * g;
            sq[j] = s;
            T avg;
            if (Centered)
            {
                T a = ga[j] + w * (g - ga[j]); // torch lerp_(g, 1 - α)
                ga[j] = a;
                avg = T.Sqrt(s - a * a) + eps;
            }
            else avg = T.Sqrt(s) + eps;
            if (useMom)
            {
                T b = mu * buf[j] + g / avg;
                buf[j] = b;
                p[j] -= lr * b;
            }
            else p[j] -= lr * (g / avg);
        }
    }
}
