namespace BrainSharp.Learning.Reservoir;

/// <summary>How the input channels of a <see cref="SpikingReservoir"/> reach its neurons.</summary>
public enum ReservoirInputMode
{
    /// <summary>Each channel injects a current: I_j = sum_c W_in[c, j] u_c (pA), W_in sparse Gaussian.</summary>
    Current,
    /// <summary>Each channel drives a population of Poisson sources at rate max(0, base + gain u_c) (Hz), which synapse onto the reservoir.</summary>
    Poisson,
}
