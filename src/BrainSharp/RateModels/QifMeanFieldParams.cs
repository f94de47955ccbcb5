namespace BrainSharp.RateModels;

/// <summary>Parameters of <see cref="QifMeanField"/>; eta, Delta and J are in the paper's units of 1/tau.</summary>
public sealed record QifMeanFieldParams
{
    /// <summary>Membrane time constant, ms (default 10).</summary>
    public double Tau { get; init; } = 10;
    /// <summary>Centre of the Lorentzian excitability distribution eta-bar (default -5).</summary>
    public double Eta { get; init; } = -5;
    /// <summary>Half-width of the Lorentzian Delta (default 1).</summary>
    public double Delta { get; init; } = 1;
    /// <summary>Recurrent synaptic weight J (default 15).</summary>
    public double J { get; init; } = 15;
    /// <summary>Constant drive I (default 0).</summary>
    public double Drive { get; init; }

    internal void Validate(string model)
    {
        Neurons.ParameterCheck.Positive(model, nameof(Tau), Tau);
        Neurons.ParameterCheck.Finite(model, nameof(Eta), Eta);
        Neurons.ParameterCheck.Positive(model, nameof(Delta), Delta);
        Neurons.ParameterCheck.Finite(model, nameof(J), J);
        Neurons.ParameterCheck.Finite(model, nameof(Drive), Drive);
    }
}
