namespace BrainSharp.Fitting;

/// <summary>The spike-train loss of a <see cref="SpikeObjective"/>.</summary>
public enum SpikeLoss
{
    /// <summary>Squared van Rossum (2001) distance with an exponential kernel of time constant tau.</summary>
    VanRossum,
    /// <summary>1 - the smooth gamma coincidence factor (<see cref="SpikeMetrics.SmoothGammaFactor{T}"/>).</summary>
    Gamma,
}
