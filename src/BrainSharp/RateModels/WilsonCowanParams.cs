namespace BrainSharp.RateModels;

/// <summary>Parameters of <see cref="WilsonCowanModel"/>; defaults: Wilson &amp; Cowan (1972) Fig. 4-5 (as BrainPy). W_XY is the weight from Y onto X.</summary>
public sealed record WilsonCowanParams
{
    /// <summary>Time constant of E, ms (default 1).</summary>
    public double TauE { get; init; } = 1;
    /// <summary>Time constant of I, ms (default 1).</summary>
    public double TauI { get; init; } = 1;
    /// <summary>Gain of the E sigmoid (default 1.2).</summary>
    public double GainE { get; init; } = 1.2;
    /// <summary>Threshold of the E sigmoid (default 2.8).</summary>
    public double ThresholdE { get; init; } = 2.8;
    /// <summary>Gain of the I sigmoid (default 1).</summary>
    public double GainI { get; init; } = 1;
    /// <summary>Threshold of the I sigmoid (default 4).</summary>
    public double ThresholdI { get; init; } = 4;
    /// <summary>E to E weight (default 12).</summary>
    public double WEE { get; init; } = 12;
    /// <summary>I to E weight, subtracted (default 4).</summary>
    public double WEI { get; init; } = 4;
    /// <summary>E to I weight (default 13).</summary>
    public double WIE { get; init; } = 13;
    /// <summary>I to I weight, subtracted (default 11).</summary>
    public double WII { get; init; } = 11;
    /// <summary>Refractoriness r_E (default 1).</summary>
    public double RefractoryE { get; init; } = 1;
    /// <summary>Refractoriness r_I (default 1).</summary>
    public double RefractoryI { get; init; } = 1;
    /// <summary>Constant drive P to E (default 0).</summary>
    public double DriveE { get; init; }
    /// <summary>Constant drive Q to I (default 0).</summary>
    public double DriveI { get; init; }

    internal void Validate(string model)
    {
        Neurons.ParameterCheck.Positive(model, nameof(TauE), TauE);
        Neurons.ParameterCheck.Positive(model, nameof(TauI), TauI);
        Neurons.ParameterCheck.Positive(model, nameof(GainE), GainE);
        Neurons.ParameterCheck.Finite(model, nameof(ThresholdE), ThresholdE);
        Neurons.ParameterCheck.Positive(model, nameof(GainI), GainI);
        Neurons.ParameterCheck.Finite(model, nameof(ThresholdI), ThresholdI);
        Neurons.ParameterCheck.NonNegative(model, nameof(WEE), WEE);
        Neurons.ParameterCheck.NonNegative(model, nameof(WEI), WEI);
        Neurons.ParameterCheck.NonNegative(model, nameof(WIE), WIE);
        Neurons.ParameterCheck.NonNegative(model, nameof(WII), WII);
        Neurons.ParameterCheck.NonNegative(model, nameof(RefractoryE), RefractoryE);
        Neurons.ParameterCheck.NonNegative(model, nameof(RefractoryI), RefractoryI);
        Neurons.ParameterCheck.Finite(model, nameof(DriveE), DriveE);
        Neurons.ParameterCheck.Finite(model, nameof(DriveI), DriveI);
    }
}
