namespace BrainSharp.Optimizers;

/// <summary>
/// SGDR, cosine annealing with warm restarts (Loshchilov &amp; Hutter 2017, ICLR), as PyTorch CosineAnnealingWarmRestarts:
/// the i-th cycle lasts T_i = T_0·T_mult^i epochs; within it γ = η_min + (γ0 − η_min)·(1 + cos(π·T_cur / T_i)) / 2,
/// T_cur being the epochs since the last restart.
/// </summary>
public sealed class CosineWarmRestarts : LearningRateSchedule
{
    /// <summary>Length T_0 of the first cycle in epochs (&gt; 0).</summary>
    public int T0 { get; }
    /// <summary>Growth factor T_mult ≥ 1 of the cycle length.</summary>
    public int TMult { get; }
    /// <summary>Minimum learning rate η_min, in [0, γ0].</summary>
    public double MinLearningRate { get; }

    /// <param name="baseLearningRate">γ0.</param>
    /// <param name="t0">T_0, &gt; 0.</param>
    /// <param name="tMult">T_mult ≥ 1, default 1.</param>
    /// <param name="minLearningRate">η_min, default 0.</param>
    public CosineWarmRestarts(double baseLearningRate, int t0, int tMult = 1, double minLearningRate = 0) : base(baseLearningRate)
    {
        Check(nameof(t0), t0, 1, int.MaxValue);
        Check(nameof(tMult), tMult, 1, int.MaxValue);
        Check(nameof(minLearningRate), minLearningRate, 0, baseLearningRate);
        T0 = t0; TMult = tMult; MinLearningRate = minLearningRate;
    }

    /// <summary>Epochs since the last restart and the length of the current cycle at <paramref name="epoch"/>.</summary>
    public (long TCur, long TI) Cycle(long epoch)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"CosineWarmRestarts: epoch must be >= 0, got {epoch}.");
        if (TMult == 1) return (epoch % T0, T0);
        // Walk the cycles in integers: PyTorch's log-based formula can be off by one at boundaries in floating point.
        long start = 0, length = T0;
        while (epoch >= start + length) { start += length; length *= TMult; }
        return (epoch - start, length);
    }

    /// <inheritdoc/>
    protected override double Compute(long epoch)
    {
        var (tCur, tI) = Cycle(epoch);
        return MinLearningRate + (BaseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * tCur / tI)) / 2;
    }
}
