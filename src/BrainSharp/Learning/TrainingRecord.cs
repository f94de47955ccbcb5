namespace BrainSharp.Learning;

/// <summary>One logged training step: loss (nats, including regularizers), training-batch accuracy, mean rate (Hz), validation accuracy (NaN when not validated at this step), elapsed seconds.</summary>
public readonly record struct TrainingRecord(int Iteration, double Loss, double TrainAccuracy, double MeanRateHz, double ValidationAccuracy, double Seconds);
