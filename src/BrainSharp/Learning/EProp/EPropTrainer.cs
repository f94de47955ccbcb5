using System.Numerics;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;
using BrainSharp.Optimizers;

namespace BrainSharp.Learning.EProp;

/// <summary>
/// Trains an <see cref="EISpikingNetwork{T}"/> with e-prop (Bellec et al. 2020): the gradient of each batch comes
/// from <see cref="EPropLearner{T}"/> (eligibility traces forward in time, memory independent of trial length); the
/// loop (optimizer, clipping, validation, early stopping, checkpoints, best-parameter restore, divergence checks) is
/// the one shared with BPTT in <see cref="GradientTrainer{T}"/>, and the loss is the same window cross-entropy plus
/// rate regularizer. <see cref="TrainerOptions.TruncationSteps"/> must be 0 (e-prop never truncates).
/// </summary>
public sealed class EPropTrainer<T> : GradientTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The e-prop gradient engine.</summary>
    public EPropLearner<T> Learner { get; }

    /// <summary>Creates a trainer; <paramref name="optimizer"/> defaults to Adam with <see cref="TrainerOptions.LearningRate"/>.</summary>
    public EPropTrainer(EISpikingNetwork<T> network, TrainerOptions options, EPropOptions? eprop = null, Optimizer<T>? optimizer = null)
        : base(network, options, optimizer)
    {
        if (options.TruncationSteps != 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.TruncationSteps, "EPropTrainer: TruncationSteps must be 0; e-prop is online and needs no truncation.");
        Learner = new EPropLearner<T>(network, eprop);
    }

    /// <inheritdoc/>
    protected override string Label => "EPropTrainer";

    /// <inheritdoc/>
    protected override BatchOutcome RunBatch(TaskBatch<T> batch, bool computeGradients) =>
        Learner.Run(batch, computeGradients, Options.RateLambda, Options.TargetRateHz, Options.CountLambda);
}
