namespace BrainSharp.Learning;

/// <summary>Settings of <see cref="BpttTrainer{T}"/>. Defaults suit the built-in tasks with 200 neurons.</summary>
public sealed class TrainerOptions
{
    /// <summary>Trials per gradient step.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Maximum number of gradient steps.</summary>
    public int Iterations { get; init; } = 500;
    /// <summary>Adam learning rate (mV per step for weights).</summary>
    public double LearningRate { get; init; } = 1e-2;
    /// <summary>Global gradient-norm clip (0 = off).</summary>
    public double ClipNorm { get; init; } = 1.0;
    /// <summary>Truncated BPTT chunk length in steps (0 = full BPTT over the trial).</summary>
    public int TruncationSteps { get; init; }
    /// <summary>Firing-rate regularizer coefficient lambda (per Hz^2).</summary>
    public double RateLambda { get; init; }
    /// <summary>Target rate of the rate regularizer (Hz).</summary>
    public double TargetRateHz { get; init; } = 10;
    /// <summary>Spike-count penalty per spike per trial.</summary>
    public double CountLambda { get; init; }
    /// <summary>Validate every this many steps (0 = never).</summary>
    public int ValidateEvery { get; init; } = 25;
    /// <summary>Validation batches per validation.</summary>
    public int ValidationBatches { get; init; } = 2;
    /// <summary>Stop early once validation accuracy reaches this (1.1 = never).</summary>
    public double TargetAccuracy { get; init; } = 1.1;
    /// <summary>Stop after this many validations without improvement (0 = never).</summary>
    public int Patience { get; init; }
    /// <summary>At the end of <c>Fit</c>, put back the parameters with the best validation accuracy.</summary>
    public bool RestoreBest { get; init; } = true;
    /// <summary>Checkpoint file written after each validation (null = none). Written atomically.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Throws naming the first invalid setting.</summary>
    public void Validate()
    {
        void Bad(string n, object v, string w) => throw new ArgumentOutOfRangeException(n, v, $"BpttTrainer: {n} {w}.");
        if (BatchSize <= 0) Bad(nameof(BatchSize), BatchSize, "must be positive");
        if (Iterations < 0) Bad(nameof(Iterations), Iterations, "must be non-negative");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) Bad(nameof(LearningRate), LearningRate, "must be positive");
        if (!(ClipNorm >= 0)) Bad(nameof(ClipNorm), ClipNorm, "must be non-negative");
        if (TruncationSteps < 0) Bad(nameof(TruncationSteps), TruncationSteps, "must be non-negative");
        if (!(RateLambda >= 0)) Bad(nameof(RateLambda), RateLambda, "must be non-negative");
        if (!(CountLambda >= 0)) Bad(nameof(CountLambda), CountLambda, "must be non-negative");
        if (!(TargetRateHz >= 0)) Bad(nameof(TargetRateHz), TargetRateHz, "must be non-negative (Hz)");
        if (ValidateEvery < 0) Bad(nameof(ValidateEvery), ValidateEvery, "must be non-negative");
        if (ValidationBatches <= 0) Bad(nameof(ValidationBatches), ValidationBatches, "must be positive");
        if (Patience < 0) Bad(nameof(Patience), Patience, "must be non-negative");
    }
}
