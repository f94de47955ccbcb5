using BrainSharp.Connectivity;
using BrainSharp.Dynamics;

namespace BrainSharp.Plasticity;

/// <summary>
/// Hook for spike-timing-dependent plasticity of a projection with stored (CSR) weights, e.g. trace-based pair STDP
/// (Song, Miller &amp; Abbott 2000). Called once per step after the step's spikes have been delivered (so a spike is
/// transmitted with the weight it found, as in Brian2's <c>on_pre: g += w; ...; w = clip(w + apost, ...)</c>), with the pre
/// spikes delivered this step (after the axonal delay) and the post spikes emitted this step. Row access by pre
/// (<see cref="SynapseView.RowPtr"/>) serves pre spikes; the by-post index (<see cref="SynapseView.ColPtr"/>) serves post spikes.
/// Called on one thread; must not allocate per step.
/// </summary>
public abstract class SpikeTimingPlasticity : ISnapshotParticipant
{
    /// <summary>Allocates traces for the synapses in <paramref name="synapses"/> and validates parameters; throws naming the parameter and value.</summary>
    public abstract void Build(SynapseView synapses, Clock clock);

    /// <summary>Sets traces to their initial value (the projection restores the initial weights itself).</summary>
    public abstract void Reset();

    /// <summary>Updates traces and weights for step <see cref="Clock.Step"/> (time <see cref="Clock.T"/>, ms).</summary>
    public abstract void Update(Clock clock, ReadOnlySpan<int> preSpikes, ReadOnlySpan<int> postSpikes, SynapseView synapses);

    /// <summary>Trace variables (for monitors and snapshots). The weights are saved by the projection.</summary>
    public abstract IReadOnlyList<StateVariable> States { get; }

    /// <summary>Saves <see cref="States"/>; override to add more (e.g. last update times kept outside them).</summary>
    public virtual void SaveState(StateSnapshot snapshot) { foreach (var s in States) snapshot.Put(s.Values); }

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    public virtual void RestoreState(StateSnapshot snapshot) { foreach (var s in States) snapshot.Take(s.Values, $"{GetType().Name}.{s.Name}"); }
}
