namespace BrainSharp.Optimizers;

/// <summary>PyTorch StepLR: γ_e = γ0 · gamma^⌊e / stepSize⌋.</summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Epochs between decays (&gt; 0).</summary>
    public int StepSize { get; }
    /// <summary>Multiplicative factor per decay, in [0, 1].</summary>
    public double Gamma { get; }

    /// <param name="baseLearningRate">γ0.</param>
    /// <param name="stepSize">Epochs between decays, &gt; 0.</param>
    /// <param name="gamma">Factor, default 0.1.</param>
    public StepDecay(double baseLearningRate, int stepSize, double gamma = 0.1) : base(baseLearningRate)
    {
        Check(nameof(stepSize), stepSize, 1, int.MaxValue);
        Check(nameof(gamma), gamma, 0, 1);
        StepSize = stepSize; Gamma = gamma;
    }

    /// <inheritdoc/>
    protected override double Compute(long epoch) => BaseLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
