namespace BrainSharp.Learning.Layers;

/// <summary>
/// Which per-neuron time constants of <see cref="EISpikingNetwork{T}"/> are trained (flags). Each becomes a
/// parameter of log(tau / 1 ms), one per neuron, kept within [MinTimeConstantMs, MaxTimeConstantMs].
/// </summary>
[Flags]
public enum TrainableTimeConstants
{
    /// <summary>All time constants fixed (the default).</summary>
    None = 0,
    /// <summary>Membrane time constant tau_m (parameter "log_tau_mem").</summary>
    Membrane = 1,
    /// <summary>Synaptic decay time constant tau_syn, of the current or of both conductances (parameter "log_tau_syn").</summary>
    Synapse = 2,
    /// <summary>Adaptation-current time constant tau_w (parameter "log_tau_w"); needs <see cref="AdaptationMechanism.Current"/>.</summary>
    AdaptationCurrent = 4,
    /// <summary>Every time constant above that the network has.</summary>
    All = Membrane | Synapse | AdaptationCurrent,
}
