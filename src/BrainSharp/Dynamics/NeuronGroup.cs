namespace BrainSharp.Dynamics;

/// <summary>
/// A population of point neurons. Synaptic input arrives through two accumulators that every
/// projection output writes and the neuron update consumes (and clears):
///   I_syn = InputCurrent - InputConductance * v
/// A current-based output adds to InputCurrent (pA); a conductance-based output with conductance g (nS)
/// and reversal E (mV) adds g*E to InputCurrent and g to InputConductance. One mechanism serves
/// current, conductance and mixed inputs, and keeps the membrane equation linear in v within a step,
/// so exponential Euler stays exact for LIF-type neurons.
/// </summary>
public abstract class NeuronGroup : DynamicalSystem
{
    protected NeuronGroup(string name, int size, int batch = 1) : base(name, size, batch)
    {
        int n = size * batch;
        V = AlignedArray.Create<float>(n);
        InputCurrent = AlignedArray.Create<float>(n);
        InputConductance = AlignedArray.Create<float>(n);
        Spikes = new SpikeBuffer(n);
    }

    /// <summary>Membrane potential, mV (or the model's normalized unit, stated in its header).</summary>
    public float[] V { get; }

    /// <summary>Summed synaptic/external current for this step, pA. Cleared by <see cref="DynamicalSystem.Update"/>.</summary>
    public float[] InputCurrent { get; }

    /// <summary>Summed synaptic conductance for this step, nS (coefficient of -v). Cleared by <see cref="DynamicalSystem.Update"/>.</summary>
    public float[] InputConductance { get; }

    /// <summary>Indices of the neurons that spiked in the last update.</summary>
    public SpikeBuffer Spikes { get; }

    /// <summary>Whether <see cref="UpdateRange"/> is implemented, so the network can split the group across threads.</summary>
    public virtual bool CanUpdateRange => false;

    /// <summary>
    /// Advances neurons [<paramref name="start"/>, <paramref name="end"/>) (flat indices) one step, consuming and clearing their
    /// input accumulators, and writes the flat indices of those that spiked, ascending, into <paramref name="spikes"/>; returns how many.
    /// Must not touch units outside the range. <paramref name="start"/> is a multiple of <see cref="Partition.Alignment"/>.
    /// </summary>
    public virtual int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
        => throw new NotSupportedException($"{Name}: {GetType().Name} does not support range updates.");

    /// <summary>Called once by the network before the first step with the run's clock (precompute dt-dependent constants, validate).</summary>
    public virtual void Prepare(Clock clock) { }

    /// <summary>
    /// Offers synaptic inputs (in the order their outputs would be applied) to be evaluated inside this group's update
    /// (see <see cref="FusedInput"/>). Returns true if the group took all of them; the network then skips those couplings'
    /// output and kinetics passes. <paramref name="exclusive"/>: nothing else writes the input accumulators during a run
    /// (no inputs, no other coupling onto the group), so the update may skip them except on the first step after a
    /// settle, where values written between runs are consumed. Default: false (not supported).
    /// </summary>
    public virtual bool FuseInputs(IReadOnlyList<FusedInput> inputs, bool exclusive) => false;

    /// <summary>
    /// Brings fused inputs up to date at step <paramref name="step"/> (the next step to run): with <paramref name="fold"/>,
    /// applies whatever the last step run left pending; without, declares the stored values current (after a reset
    /// or a restore). Called by the network between runs; a no-op without fused inputs.
    /// </summary>
    public virtual void SettleFusedInputs(long step, bool fold) { }
}
