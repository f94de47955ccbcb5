using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// Adagrad (Duchi, Hazan &amp; Singer 2011, JMLR 12:2121-2159), exactly as torch.optim.Adagrad. At step t:
/// <code>
/// g ← g + λ·θ
/// γt ← γ / (1 + (t − 1)·η)          (learning-rate decay η)
/// S ← S + g²                         (S starts at the initial accumulator value)
/// θ ← θ − γt · g / (√S + ε)
/// </code>
/// State: "sum" (S) per parameter.
/// </summary>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Learning-rate decay η ≥ 0.</summary>
    public double LearningRateDecay { get; }
    /// <summary>L2 penalty λ ≥ 0.</summary>
    public double WeightDecay { get; }
    /// <summary>Initial value of the squared-gradient accumulator, ≥ 0.</summary>
    public double InitialAccumulatorValue { get; }
    /// <summary>ε ≥ 0 added to the denominator.</summary>
    public double Epsilon { get; }

    /// <param name="learningRate">γ, default 1e-2.</param>
    /// <param name="learningRateDecay">η, default 0.</param>
    /// <param name="weightDecay">λ, default 0.</param>
    /// <param name="initialAccumulatorValue">Initial S, default 0.</param>
    /// <param name="epsilon">ε, default 1e-10.</param>
    public Adagrad(double learningRate = 1e-2, double learningRateDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double epsilon = 1e-10)
        : base(learningRate, "sum")
    {
        CheckRange(nameof(learningRateDecay), learningRateDecay, 0, double.MaxValue);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        CheckRange(nameof(initialAccumulatorValue), initialAccumulatorValue, 0, double.MaxValue);
        CheckRange(nameof(epsilon), epsilon, 0, double.MaxValue);
        LearningRateDecay = learningRateDecay; WeightDecay = weightDecay; InitialAccumulatorValue = initialAccumulatorValue; Epsilon = epsilon;
    }

    /// <inheritdoc/>
    public override string Name => $"Adagrad(lr={F(LearningRate)}, lr_decay={F(LearningRateDecay)}, weight_decay={F(WeightDecay)}, initial_accumulator_value={F(InitialAccumulatorValue)}, eps={F(Epsilon)})";

    /// <inheritdoc/>
    protected override T InitialBufferValue(int buffer) => C(InitialAccumulatorValue);

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> p, ReadOnlySpan<T> grad)
    {
        T clr = C(LearningRate / (1 + (StepCount - 1) * LearningRateDecay)), eps = C(Epsilon), wd = C(WeightDecay);
        bool useWd = WeightDecay != 0;
        Span<T> sum = Buffer(0, index);
        for (int j = 0; j < p.Length; j++)
        {
            T g = grad[j];
            if (useWd) g += wd * p[j];
            T s = sum[j] + g * g;
            sum[j] = s;
            p[j] -= clr * (g / (T.Sqrt(s) + eps));
        }
    }
}
