using System.Globalization;

namespace BrainSharp.Optimizers;

/// <summary>
/// A learning-rate schedule as a pure function of the epoch (or step) counter, in PyTorch's closed forms.
/// Being stateless, a schedule needs nothing in a checkpoint beyond the epoch number.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at epoch 0.</summary>
    public double BaseLearningRate { get; }

    /// <param name="baseLearningRate">Learning rate at epoch 0, finite and &gt;= 0.</param>
    protected LearningRateSchedule(double baseLearningRate)
    {
        if (!(baseLearningRate >= 0) || !double.IsFinite(baseLearningRate))
            throw new ArgumentOutOfRangeException(nameof(baseLearningRate), baseLearningRate,
                $"{GetType().Name}: base learning rate must be finite and >= 0, got {baseLearningRate}.");
        BaseLearningRate = baseLearningRate;
    }

    /// <summary>The learning rate at <paramref name="epoch"/> (≥ 0).</summary>
    public double At(long epoch)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"{GetType().Name}: epoch must be >= 0, got {epoch}.");
        return Compute(epoch);
    }

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to the value at <paramref name="epoch"/>.</summary>
    public void Apply(IOptimizer optimizer, long epoch)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = At(epoch);
    }

    /// <summary>The closed form, for epoch ≥ 0.</summary>
    protected abstract double Compute(long epoch);

    /// <summary>Throws unless <paramref name="value"/> is finite and in [lo, hi], naming the schedule and parameter.</summary>
    protected void Check(string name, double value, double lo, double hi)
    {
        if (!(value >= lo && value <= hi))
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{GetType().Name}: {name} must be in [{lo}, {hi}], got {value}."));
    }
}
