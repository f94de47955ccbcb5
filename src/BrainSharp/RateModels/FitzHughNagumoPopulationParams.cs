namespace BrainSharp.RateModels;

/// <summary>Parameters of <see cref="FitzHughNagumoPopulation"/>; defaults as neurolib / BrainPy's rate FHN model.</summary>
public sealed record FitzHughNagumoPopulationParams
{
    /// <summary>Cubic coefficient alpha (default 3).</summary>
    public double Alpha { get; init; } = 3;
    /// <summary>Quadratic coefficient beta (default 4).</summary>
    public double Beta { get; init; } = 4;
    /// <summary>Linear coefficient gamma (default -1.5).</summary>
    public double Gamma { get; init; } = -1.5;
    /// <summary>Offset delta of the y equation (default 0).</summary>
    public double Delta { get; init; }
    /// <summary>Decay epsilon of y (default 0.5).</summary>
    public double Epsilon { get; init; } = 0.5;
    /// <summary>Time constant of y, ms (default 20).</summary>
    public double Tau { get; init; } = 20;
    /// <summary>Constant drive of x (default 0).</summary>
    public double Drive { get; init; }
    /// <summary>Intensity of additive white noise on x, per sqrt(ms) (default 0: deterministic).</summary>
    public double NoiseSigma { get; init; }

    internal void Validate(string model)
    {
        Neurons.ParameterCheck.Finite(model, nameof(Alpha), Alpha);
        Neurons.ParameterCheck.Finite(model, nameof(Beta), Beta);
        Neurons.ParameterCheck.Finite(model, nameof(Gamma), Gamma);
        Neurons.ParameterCheck.Finite(model, nameof(Delta), Delta);
        Neurons.ParameterCheck.Finite(model, nameof(Epsilon), Epsilon);
        Neurons.ParameterCheck.Positive(model, nameof(Tau), Tau);
        Neurons.ParameterCheck.Finite(model, nameof(Drive), Drive);
        Neurons.ParameterCheck.NonNegative(model, nameof(NoiseSigma), NoiseSigma);
    }
}
