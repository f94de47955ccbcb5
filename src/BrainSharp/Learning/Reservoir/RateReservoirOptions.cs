namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// Configuration of <see cref="RateReservoir"/>. Defaults follow Sussillo &amp; Abbott (2009): tau 10 ms, gain g 1.5
/// (chaotic without feedback), connection probability 0.1, feedback weights uniform in [-1, 1]. Times in ms; rates
/// and weights dimensionless.
/// </summary>
public sealed class RateReservoirOptions
{
    /// <summary>Number of tanh units.</summary>
    public int Neurons { get; init; } = 500;
    /// <summary>Number of external input channels (0 = autonomous).</summary>
    public int Inputs { get; init; }
    /// <summary>Number of readout units fed back into the reservoir.</summary>
    public int Outputs { get; init; } = 1;
    /// <summary>Gain g of the recurrent weights J_ij ~ N(0, g^2 / (p N)) on a random mask with probability p; g &gt; 1 is chaotic.</summary>
    public double Gain { get; init; } = 1.5;
    /// <summary>Connection probability p of the recurrent mask.</summary>
    public double ConnectionProbability { get; init; } = 0.1;
    /// <summary>Unit time constant (ms).</summary>
    public double TauMs { get; init; } = 10;
    /// <summary>Time step (ms); dt = tau gives the discrete echo-state update x = J r + inputs.</summary>
    public double Dt { get; init; } = 1;
    /// <summary>Feedback weights are uniform in [-FeedbackScale, FeedbackScale] (0 = no feedback).</summary>
    public double FeedbackScale { get; init; } = 1;
    /// <summary>Input weights are uniform in [-InputScale, InputScale].</summary>
    public double InputScale { get; init; } = 1;
    /// <summary>Seed of all weights and of the initial state.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws naming the first invalid setting.</summary>
    public void Validate()
    {
        static void Bad(string name, object v, string what) => throw new ArgumentOutOfRangeException(name, v, $"RateReservoir: {name} {what}.");
        if (Neurons <= 0) Bad(nameof(Neurons), Neurons, "must be positive");
        if (Inputs < 0) Bad(nameof(Inputs), Inputs, "must be non-negative");
        if (Outputs < 0) Bad(nameof(Outputs), Outputs, "must be non-negative");
        if (!(Gain >= 0) || !double.IsFinite(Gain)) Bad(nameof(Gain), Gain, "must be finite and non-negative");
        if (!(ConnectionProbability > 0 && ConnectionProbability <= 1)) Bad(nameof(ConnectionProbability), ConnectionProbability, "must lie in (0, 1]");
        if (!(TauMs > 0) || !double.IsFinite(TauMs)) Bad(nameof(TauMs), TauMs, "must be positive (ms)");
        if (!(Dt > 0) || !(Dt <= TauMs)) Bad(nameof(Dt), Dt, $"must lie in (0, TauMs = {TauMs}] (ms) for a stable Euler step");
        if (!(FeedbackScale >= 0) || !double.IsFinite(FeedbackScale)) Bad(nameof(FeedbackScale), FeedbackScale, "must be finite and non-negative");
        if (!(InputScale >= 0) || !double.IsFinite(InputScale)) Bad(nameof(InputScale), InputScale, "must be finite and non-negative");
    }
}
