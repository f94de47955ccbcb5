namespace BrainSharp.Learning.Layers;

/// <summary>How the adaptive neurons of <see cref="EISpikingNetwork{T}"/> adapt (which neurons adapt: <see cref="SpikingNetworkOptions.AdaptiveFraction"/>).</summary>
public enum AdaptationMechanism
{
    /// <summary>Spike-triggered threshold increase a (ALIF, Bellec et al. 2018): threshold theta + delta a, a decaying with tau_a.</summary>
    Threshold,
    /// <summary>
    /// Spike-triggered adaptation current w subtracted from the membrane drive (GIF, Mensi et al. 2012; AdEx's w,
    /// Brette &amp; Gerstner 2005), decaying with tau_w, optionally with subthreshold coupling a (v - E_L).
    /// </summary>
    Current,
}
