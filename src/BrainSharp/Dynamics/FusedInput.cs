namespace BrainSharp.Dynamics;

/// <summary>
/// A linear first-order synaptic input that a neuron group can evaluate inside its own update kernel instead of the
/// coupling running separate output and decay passes over the post neurons: g (per post neuron) decays by the constant
/// factor <see cref="Decay"/> per step and receives the coupling's <see cref="Arrivals"/>; its effect is
/// I += g E (conductance, <see cref="IsConductance"/>) and G += g, or I += g (current).
/// When fused, the group uses g as it stands at the start of the step and stores it decayed, g * <see cref="Decay"/>,
/// and the coupling delivers the step's spikes straight into <see cref="G"/> afterwards (g += w per synapse, Brian2's
/// order), so g reads as usual at every step boundary and the kernel streams no arrival arrays. Against the unfused order
/// (arrivals summed first, then g * Decay + arrivals) only the rounding of several arrivals in one step differs.
/// <see cref="Arrivals"/> written between runs are consumed by the first step of the next run.
/// </summary>
public sealed class FusedInput
{
    /// <summary>Describes a fusable input.</summary>
    public FusedInput(float[] g, float[] arrivals, float decay, bool isConductance, float reversal)
    {
        ArgumentNullException.ThrowIfNull(g); ArgumentNullException.ThrowIfNull(arrivals);
        if (g.Length != arrivals.Length)
            throw new ArgumentException($"FusedInput: g has {g.Length} units but arrivals has {arrivals.Length}.");
        if (!(decay >= 0 && decay <= 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "FusedInput: parameter decay (factor per step) must lie in [0, 1].");
        G = g; Arrivals = arrivals; Decay = decay; IsConductance = isConductance; Reversal = reversal;
    }

    /// <summary>The synaptic variable per post neuron (nS for a conductance, pA for a current).</summary>
    public float[] G { get; }

    /// <summary>Summed weights delivered in the last step per post neuron, consumed by the group's kernel.</summary>
    public float[] Arrivals { get; }

    /// <summary>Decay factor per step, exp(-dt / tau).</summary>
    public float Decay { get; }

    /// <summary>Whether g is a conductance (adds g E to the input current and g to the input conductance) or a current.</summary>
    public bool IsConductance { get; }

    /// <summary>Reversal potential, mV (conductance inputs only).</summary>
    public float Reversal { get; }
}
