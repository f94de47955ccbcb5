namespace BrainSharp.Learning.Layers;

/// <summary>How the membrane potential is reset after a spike.</summary>
public enum ResetMode
{
    /// <summary>Subtract the threshold (reset by subtraction, keeps the overshoot; Bellec et al. 2020).</summary>
    Soft,
    /// <summary>Set the potential to rest (0 mV relative to rest) before the next integration step.</summary>
    Hard,
}
