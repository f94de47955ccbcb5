namespace BrainSharp.IO;

/// <summary>
/// A recorded state variable: samples of a few neurons over time, stored row-major as [time, neuron].
/// Sample k is taken at <c>T0Ms + k * DtMs</c>.
/// </summary>
public sealed class StateTrace
{
    /// <summary>Creates a trace; <paramref name="values"/> has length samples * neurons.Length.</summary>
    public StateTrace(string population, string variable, string unit, double dtMs, double t0Ms, int[] neurons, float[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(population);
        ArgumentException.ThrowIfNullOrEmpty(variable);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(values);
        if (!(dtMs > 0) || !double.IsFinite(dtMs))
            throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, $"StateTrace '{population}.{variable}': dt (ms) must be positive and finite.");
        if (!double.IsFinite(t0Ms))
            throw new ArgumentOutOfRangeException(nameof(t0Ms), t0Ms, $"StateTrace '{population}.{variable}': t0 (ms) must be finite.");
        if (neurons.Length == 0 ? values.Length != 0 : values.Length % neurons.Length != 0)
            throw new ArgumentException($"StateTrace '{population}.{variable}': {values.Length} values is not a whole number of rows of {neurons.Length} neurons.", nameof(values));
        Population = population; Variable = variable; Unit = unit; DtMs = dtMs; T0Ms = t0Ms; Neurons = neurons; Values = values;
    }

    /// <summary>Population the neurons belong to.</summary>
    public string Population { get; }

    /// <summary>Variable name (e.g. "v").</summary>
    public string Variable { get; }

    /// <summary>Unit of the values (e.g. "mV").</summary>
    public string Unit { get; }

    /// <summary>Sampling interval, ms.</summary>
    public double DtMs { get; }

    /// <summary>Time of the first sample, ms.</summary>
    public double T0Ms { get; }

    /// <summary>Recorded neuron indices (columns).</summary>
    public int[] Neurons { get; }

    /// <summary>Samples, row-major [time, neuron].</summary>
    public float[] Values { get; }

    /// <summary>Number of time samples (rows).</summary>
    public int Samples => Neurons.Length == 0 ? 0 : Values.Length / Neurons.Length;

    /// <summary>Value of column <paramref name="neuron"/> at sample <paramref name="sample"/>.</summary>
    public float this[int sample, int neuron] => Values[sample * Neurons.Length + neuron];

    /// <summary>Time of sample <paramref name="sample"/>, ms.</summary>
    public double TimeOf(int sample) => T0Ms + sample * DtMs;
}
