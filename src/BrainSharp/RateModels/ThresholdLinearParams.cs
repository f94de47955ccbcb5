namespace BrainSharp.RateModels;

/// <summary>Parameters of <see cref="ThresholdLinearNetwork"/>.</summary>
public sealed record ThresholdLinearParams
{
    /// <summary>Time constant, ms (default 10).</summary>
    public double Tau { get; init; } = 10;
    /// <summary>Threshold subtracted from the input, Hz (default 0).</summary>
    public double Threshold { get; init; }
    /// <summary>Saturation rate, Hz (default +infinity: no saturation).</summary>
    public double MaxRate { get; init; } = double.PositiveInfinity;
    /// <summary>Constant drive, Hz (default 0).</summary>
    public double Bias { get; init; }

    internal void Validate(string model)
    {
        Neurons.ParameterCheck.Positive(model, nameof(Tau), Tau);
        Neurons.ParameterCheck.Finite(model, nameof(Threshold), Threshold);
        if (!(MaxRate > 0)) throw new ArgumentOutOfRangeException(nameof(MaxRate), MaxRate, $"{model}: parameter MaxRate must be positive, got {MaxRate}.");
        Neurons.ParameterCheck.Finite(model, nameof(Bias), Bias);
    }
}
