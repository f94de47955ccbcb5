using System.Numerics;

namespace BrainSharp.Learning.Losses;

/// <summary>
/// Cross-entropy of the readout averaged over a response window (Bellec et al. 2020, evidence
/// accumulation): logits_b = mean over t in [start, end) of y[t, b, :]; loss = mean_b of
/// -log softmax(logits_b)[label_b]. The predicted class is argmax of the logits.
/// </summary>
public static class WindowCrossEntropy
{
    /// <summary>
    /// Loss over the steps [firstStep, firstStep + steps) held in <paramref name="y"/> [steps, batch, classes];
    /// the window must lie inside them. Writes dLoss/dy into <paramref name="gradY"/> (same layout, overwritten)
    /// and returns the mean loss (nats) and the number of correct trials.
    /// </summary>
    public static (double Loss, int Correct) Compute<T>(ReadOnlySpan<T> y, int steps, int batch, int classes,
        ReadOnlySpan<int> labels, int start, int end, Span<T> gradY, int firstStep = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length != steps * batch * classes || gradY.Length != y.Length)
            throw new ArgumentException($"WindowCrossEntropy: y/gradY length {y.Length}/{gradY.Length} != steps*batch*classes = {steps * batch * classes}.");
        if (labels.Length != batch) throw new ArgumentException($"WindowCrossEntropy: {labels.Length} labels for batch {batch}.");
        if (start < firstStep || end > firstStep + steps || start >= end)
            throw new ArgumentException($"WindowCrossEntropy: window [{start}, {end}) is not inside the steps [{firstStep}, {firstStep + steps}) given.");
        gradY.Clear();
        int w = end - start;
        Span<double> logits = classes <= 64 ? stackalloc double[classes] : new double[classes];
        double loss = 0;
        int correct = 0;
        for (int b = 0; b < batch; b++)
        {
            int lab = labels[b];
            if ((uint)lab >= (uint)classes) throw new ArgumentException($"WindowCrossEntropy: label {lab} of trial {b} outside [0, {classes}).");
            logits.Clear();
            for (int t = start; t < end; t++)
                for (int k = 0; k < classes; k++) logits[k] += double.CreateTruncating(y[((t - firstStep) * batch + b) * classes + k]);
            int arg = 0;
            double mx = double.NegativeInfinity;
            for (int k = 0; k < classes; k++) { logits[k] /= w; if (logits[k] > mx) { mx = logits[k]; arg = k; } }
            double z = 0;
            for (int k = 0; k < classes; k++) z += Math.Exp(logits[k] - mx);
            double logZ = mx + Math.Log(z);
            loss += logZ - logits[lab];
            if (arg == lab) correct++;
            for (int k = 0; k < classes; k++)
            {
                double g = (Math.Exp(logits[k] - logZ) - (k == lab ? 1 : 0)) / (batch * (double)w);
                T gt = T.CreateTruncating(g);
                for (int t = start; t < end; t++) gradY[((t - firstStep) * batch + b) * classes + k] = gt;
            }
        }
        return (loss / batch, correct);
    }
}
