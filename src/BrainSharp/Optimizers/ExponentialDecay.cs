namespace BrainSharp.Optimizers;

/// <summary>PyTorch ExponentialLR: γ_e = γ0 · gamma^e.</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Factor per epoch, in [0, 1].</summary>
    public double Gamma { get; }

    /// <param name="baseLearningRate">γ0.</param>
    /// <param name="gamma">Factor per epoch.</param>
    public ExponentialDecay(double baseLearningRate, double gamma) : base(baseLearningRate)
    {
        Check(nameof(gamma), gamma, 0, 1);
        Gamma = gamma;
    }

    /// <inheritdoc/>
    protected override double Compute(long epoch) => BaseLearningRate * Math.Pow(Gamma, epoch);
}
