namespace BrainSharp.Learning.Layers;

/// <summary>How synaptic input acts on the membrane of <see cref="EISpikingNetwork{T}"/>.</summary>
public enum SynapseModel
{
    /// <summary>Exponential current synapse: the filtered input I (mV of drive) adds to the membrane drive.</summary>
    Current,
    /// <summary>
    /// Exponential conductance synapses: excitatory and inhibitory conductances g_e, g_i (in units of the leak
    /// conductance) drive g_e (E_e - v) + g_i (E_i - v); positive effective weights feed g_e, negative ones g_i.
    /// </summary>
    Conductance,
}
