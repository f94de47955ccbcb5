using System.Numerics;

namespace BrainSharp.Learning.Tasks;

/// <summary>
/// A batch of trials of a cognitive task, time-major: <see cref="Inputs"/>[t, b, c] at
/// index (t * BatchSize + b) * InputSize + c. Inputs are spikes (0/1 per step) or analog
/// drive, as the task documents. Each trial has one class label, scored on the response
/// window [ResponseStart, ResponseEnd) (steps).
/// </summary>
public sealed class TaskBatch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of time steps per trial.</summary>
    public int Steps { get; }
    /// <summary>Number of trials.</summary>
    public int BatchSize { get; }
    /// <summary>Number of input channels.</summary>
    public int InputSize { get; }
    /// <summary>Number of classes (readout units).</summary>
    public int Classes { get; }
    /// <summary>Inputs, time-major [Steps, BatchSize, InputSize].</summary>
    public T[] Inputs { get; }
    /// <summary>Correct class of each trial, [BatchSize].</summary>
    public int[] Labels { get; }
    /// <summary>First step of the response window (inclusive).</summary>
    public int ResponseStart { get; }
    /// <summary>End of the response window (exclusive).</summary>
    public int ResponseEnd { get; }

    /// <summary>Creates a batch from prepared arrays (no copy).</summary>
    public TaskBatch(int steps, int batchSize, int inputSize, int classes, T[] inputs, int[] labels, int responseStart, int responseEnd)
    {
        if (steps <= 0 || batchSize <= 0 || inputSize <= 0 || classes < 2)
            throw new ArgumentException($"TaskBatch: invalid sizes steps={steps}, batch={batchSize}, inputs={inputSize}, classes={classes}.");
        if (inputs.Length != (long)steps * batchSize * inputSize)
            throw new ArgumentException($"TaskBatch: inputs length {inputs.Length} != steps*batch*inputs = {(long)steps * batchSize * inputSize}.");
        if (labels.Length != batchSize)
            throw new ArgumentException($"TaskBatch: labels length {labels.Length} != batch size {batchSize}.");
        if (responseStart < 0 || responseEnd > steps || responseStart >= responseEnd)
            throw new ArgumentException($"TaskBatch: response window [{responseStart}, {responseEnd}) is empty or outside [0, {steps}).");
        Steps = steps; BatchSize = batchSize; InputSize = inputSize; Classes = classes;
        Inputs = inputs; Labels = labels; ResponseStart = responseStart; ResponseEnd = responseEnd;
    }

    /// <summary>Input of trial b, channel c at step t.</summary>
    public T Input(int t, int b, int c) => Inputs[((long)t * BatchSize + b) * InputSize + c];
}
