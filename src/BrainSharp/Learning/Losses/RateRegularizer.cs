using System.Numerics;

namespace BrainSharp.Learning.Losses;

/// <summary>
/// Firing-rate regularizer of Bellec et al. (2020): R = lambda * sum_i (r_i - r_target)^2 with r_i the
/// mean rate of neuron i (Hz) over the batch and steps; and the spike-count penalty R = mu * (spikes per
/// trial). Both give a dR/ds that is the same at every step and trial, which the fused layer takes as a
/// per-neuron vector.
/// </summary>
public static class RateRegularizer
{
    /// <summary>
    /// Rate term plus count term from per-neuron spike counts over <paramref name="steps"/> x <paramref name="batch"/>;
    /// writes dR/ds (per spike, per neuron) into <paramref name="gradPerNeuron"/> (overwritten) and returns R.
    /// </summary>
    public static double Compute<T>(ReadOnlySpan<double> spikeCounts, int steps, int batch, double dtMs,
        double rateLambda, double targetRateHz, double countLambda, Span<T> gradPerNeuron)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradPerNeuron.Length != spikeCounts.Length) throw new ArgumentException("RateRegularizer: gradient length differs from the number of neurons.");
        if (!(rateLambda >= 0) || !(countLambda >= 0)) throw new ArgumentOutOfRangeException(nameof(rateLambda), "RateRegularizer: coefficients must be non-negative.");
        double toHz = 1000.0 / (dtMs * steps * batch);
        double r = 0;
        for (int i = 0; i < spikeCounts.Length; i++)
        {
            double rate = spikeCounts[i] * toHz, d = rate - targetRateHz;
            r += rateLambda * d * d + countLambda * spikeCounts[i] / batch;
            gradPerNeuron[i] = T.CreateTruncating(2 * rateLambda * d * toHz + countLambda / batch);
        }
        return r;
    }
}
