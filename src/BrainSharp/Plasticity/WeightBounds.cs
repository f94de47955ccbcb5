namespace BrainSharp.Plasticity;

/// <summary>How <see cref="PairStdp"/> keeps weights within [wMin, wMax].</summary>
public enum WeightBounds
{
    /// <summary>Additive updates clipped to [wMin, wMax] (Song, Miller &amp; Abbott 2000).</summary>
    Hard,
    /// <summary>Multiplicative: potentiation scaled by (wMax - w)/(wMax - wMin), depression by (w - wMin)/(wMax - wMin) (van Rossum et al. 2000).</summary>
    Soft,
}
