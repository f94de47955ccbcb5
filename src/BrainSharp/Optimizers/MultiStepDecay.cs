namespace BrainSharp.Optimizers;

/// <summary>PyTorch MultiStepLR: γ_e = γ0 · gamma^(number of milestones ≤ e).</summary>
public sealed class MultiStepDecay : LearningRateSchedule
{
    private readonly long[] _milestones;

    /// <summary>Epochs at which the rate is multiplied by <see cref="Gamma"/>, strictly increasing.</summary>
    public IReadOnlyList<long> Milestones => _milestones;
    /// <summary>Multiplicative factor per milestone, in [0, 1].</summary>
    public double Gamma { get; }

    /// <param name="baseLearningRate">γ0.</param>
    /// <param name="milestones">Strictly increasing, positive epochs.</param>
    /// <param name="gamma">Factor, default 0.1.</param>
    public MultiStepDecay(double baseLearningRate, IEnumerable<long> milestones, double gamma = 0.1) : base(baseLearningRate)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        _milestones = milestones.ToArray();
        for (int i = 0; i < _milestones.Length; i++)
            if (_milestones[i] <= 0 || (i > 0 && _milestones[i] <= _milestones[i - 1]))
                throw new ArgumentException($"MultiStepDecay: milestones must be positive and strictly increasing, got [{string.Join(", ", _milestones)}].", nameof(milestones));
        Check(nameof(gamma), gamma, 0, 1);
        Gamma = gamma;
    }

    /// <inheritdoc/>
    protected override double Compute(long epoch)
    {
        int passed = 0;
        while (passed < _milestones.Length && _milestones[passed] <= epoch) passed++;
        return BaseLearningRate * Math.Pow(Gamma, passed);
    }
}
