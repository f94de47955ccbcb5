namespace BrainSharp.Learning;

/// <summary>Result of running one batch through a learner: loss (nats, including regularizers), number of correct trials, mean rate (Hz).</summary>
public readonly record struct BatchOutcome(double Loss, int Correct, double MeanRateHz);
