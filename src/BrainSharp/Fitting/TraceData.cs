namespace BrainSharp.Fitting;

/// <summary>
/// Recordings to fit: for each protocol an injected current (pA) and a recorded membrane potential (mV), all
/// sampled at the same step dt (ms). Validated at construction: equal lengths, finite values, positive dt.
/// </summary>
public sealed class TraceData
{
    public TraceData(double dt, IReadOnlyList<double[]> currents, IReadOnlyList<double[]> voltages, string source = "traces")
    {
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, $"{source}: dt must be positive, got {dt} ms.");
        if (currents.Count == 0) throw new ArgumentException($"{source}: no protocols.");
        if (currents.Count != voltages.Count)
            throw new ArgumentException($"{source}: {currents.Count} current traces but {voltages.Count} voltage traces.");
        for (int i = 0; i < currents.Count; i++)
        {
            if (currents[i].Length != voltages[i].Length)
                throw new ArgumentException($"{source}: protocol {i} has {currents[i].Length} current samples but {voltages[i].Length} voltage samples.");
            if (currents[i].Length != currents[0].Length)
                throw new ArgumentException($"{source}: protocol {i} has {currents[i].Length} samples, protocol 0 has {currents[0].Length}; all traces must have the same length.");
            for (int k = 0; k < currents[i].Length; k++)
                if (!double.IsFinite(currents[i][k]) || !double.IsFinite(voltages[i][k]))
                    throw new ArgumentException($"{source}: protocol {i}, sample {k} is not finite.");
        }
        Dt = dt; Currents = currents; Voltages = voltages; Source = source;
    }

    /// <summary>Sampling step, ms.</summary>
    public double Dt { get; }
    /// <summary>Injected currents, pA, one array per protocol.</summary>
    public IReadOnlyList<double[]> Currents { get; }
    /// <summary>Recorded membrane potentials, mV, one array per protocol.</summary>
    public IReadOnlyList<double[]> Voltages { get; }
    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }
    public int Protocols => Currents.Count;
    public int Samples => Currents[0].Length;
}
