namespace BrainSharp.Optimizers;

/// <summary>
/// PyTorch CosineAnnealingLR in its closed form (Loshchilov &amp; Hutter 2017, SGDR, without restarts):
/// γ_e = η_min + (γ0 − η_min)·(1 + cos(π·e / T_max)) / 2. Past T_max the cosine continues (rises again), as in PyTorch.
/// </summary>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Half-period T_max in epochs (&gt; 0).</summary>
    public int TMax { get; }
    /// <summary>Minimum learning rate η_min, in [0, γ0].</summary>
    public double MinLearningRate { get; }

    /// <param name="baseLearningRate">γ0.</param>
    /// <param name="tMax">T_max, &gt; 0.</param>
    /// <param name="minLearningRate">η_min, default 0.</param>
    public CosineAnnealing(double baseLearningRate, int tMax, double minLearningRate = 0) : base(baseLearningRate)
    {
        Check(nameof(tMax), tMax, 1, int.MaxValue);
        Check(nameof(minLearningRate), minLearningRate, 0, baseLearningRate);
        TMax = tMax; MinLearningRate = minLearningRate;
    }

    /// <inheritdoc/>
    protected override double Compute(long epoch)
        => MinLearningRate + (BaseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;
}
