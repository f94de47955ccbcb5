namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="HindmarshRoseNeuron"/> (dimensionless, time in ms as in BrainPy); defaults: Hindmarsh &amp; Rose (1984).</summary>
public sealed record HindmarshRoseParams : INeuronParameters
{
    /// <summary>Cubic coefficient a (default 1).</summary>
    public double A { get; init; } = 1;
    /// <summary>Quadratic coefficient b (default 3).</summary>
    public double B { get; init; } = 3;
    /// <summary>Constant c of the y equation (default 1).</summary>
    public double C { get; init; } = 1;
    /// <summary>Coefficient d of the y equation (default 5).</summary>
    public double D { get; init; } = 5;
    /// <summary>Slow time scale r, 1/ms (default 0.01).</summary>
    public double R { get; init; } = 0.01;
    /// <summary>Adaptation coupling s (default 4).</summary>
    public double S { get; init; } = 4;
    /// <summary>Resting x of the slow variable, x_r (default -1.6).</summary>
    public double XRest { get; init; } = -1.6;
    /// <summary>Spike detection threshold on x (upward crossing; default 1).</summary>
    public double SpikeThreshold { get; init; } = 1;
    /// <summary>Constant bias input (dimensionless; default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Finite(model, nameof(A), A);
        ParameterCheck.Finite(model, nameof(B), B);
        ParameterCheck.Finite(model, nameof(C), C);
        ParameterCheck.Finite(model, nameof(D), D);
        ParameterCheck.Positive(model, nameof(R), R);
        ParameterCheck.Finite(model, nameof(S), S);
        ParameterCheck.Finite(model, nameof(XRest), XRest);
        ParameterCheck.Finite(model, nameof(SpikeThreshold), SpikeThreshold);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
