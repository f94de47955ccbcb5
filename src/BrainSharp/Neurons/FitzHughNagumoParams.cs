namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="FitzHughNagumoNeuron"/> (dimensionless model, time in ms); defaults as FitzHugh (1961) / BrainPy.</summary>
public sealed record FitzHughNagumoParams : INeuronParameters
{
    /// <summary>Offset a of the w nullcline (default 0.7).</summary>
    public double A { get; init; } = 0.7;
    /// <summary>Slope b of the w nullcline (default 0.8).</summary>
    public double B { get; init; } = 0.8;
    /// <summary>Recovery time constant, ms (default 12.5).</summary>
    public double Tau { get; init; } = 12.5;
    /// <summary>Spike detection threshold on v (upward crossing, dimensionless; default 1).</summary>
    public double SpikeThreshold { get; init; } = 1;
    /// <summary>Constant bias input (dimensionless; default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Finite(model, nameof(A), A);
        ParameterCheck.Finite(model, nameof(B), B);
        ParameterCheck.Positive(model, nameof(Tau), Tau);
        ParameterCheck.Finite(model, nameof(SpikeThreshold), SpikeThreshold);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
