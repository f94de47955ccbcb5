namespace BrainSharp.IO;

/// <summary>
/// The spikes of one population as two parallel arrays: neuron index (0..Size-1) and spike time (ms),
/// in the order they were recorded (time-sorted for simulator output).
/// </summary>
public sealed class SpikeTrain
{
    /// <summary>Creates a spike train; indices and times must have equal length and indices lie in [0, size).</summary>
    public SpikeTrain(string population, int size, int[] indices, double[] times)
    {
        ArgumentException.ThrowIfNullOrEmpty(population);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(times);
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, $"SpikeTrain '{population}': size must be non-negative.");
        if (indices.Length != times.Length)
            throw new ArgumentException($"SpikeTrain '{population}': {indices.Length} indices but {times.Length} times; they must be equal.", nameof(times));
        foreach (int i in indices)
            if ((uint)i >= (uint)size)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"SpikeTrain '{population}': neuron index {i} outside [0, {size}).");
        Population = population; Size = size; Indices = indices; Times = times;
    }

    /// <summary>Population name (e.g. "E", "I").</summary>
    public string Population { get; }

    /// <summary>Number of neurons in the population.</summary>
    public int Size { get; }

    /// <summary>Neuron index of each spike.</summary>
    public int[] Indices { get; }

    /// <summary>Time of each spike, ms.</summary>
    public double[] Times { get; }

    /// <summary>Number of spikes.</summary>
    public int Count => Indices.Length;
}
