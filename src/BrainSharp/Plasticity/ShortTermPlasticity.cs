using BrainSharp.Dynamics;

namespace BrainSharp.Plasticity;

/// <summary>
/// Hook for short-term plasticity of a projection (e.g. Tsodyks-Markram depression/facilitation): state per pre neuron,
/// updated event by event when that neuron spikes; each spike's weights are scaled by the efficacy returned for it.
/// Because the state depends only on the pre neuron's own spike train, it is evaluated at emission time and the efficacy
/// travels with the spike through the delay line (identical to evaluating at arrival for a homogeneous delay).
/// Called on one thread, once per step with all of the step's pre spikes.
/// </summary>
public abstract class ShortTermPlasticity : ISnapshotParticipant
{
    /// <summary>Allocates per-pre state for <paramref name="nPre"/> neurons and validates parameters against <paramref name="clock"/>; throws naming the parameter and value.</summary>
    public abstract void Build(int nPre, Clock clock);

    /// <summary>Sets the state to its initial value.</summary>
    public abstract void Reset();

    /// <summary>
    /// Updates the state of each spiking pre neuron <paramref name="pre"/>[k] (ascending) at time <paramref name="tMs"/> (ms)
    /// and writes the efficacy that scales that spike's weights into <paramref name="efficacy"/>[k]. Must not allocate.
    /// </summary>
    public abstract void OnSpikes(ReadOnlySpan<int> pre, double tMs, Span<float> efficacy);

    /// <summary>The per-pre state variables (for monitors and snapshots).</summary>
    public abstract IReadOnlyList<StateVariable> States { get; }

    /// <summary>Saves <see cref="States"/>; override to add more (e.g. last spike times kept outside them).</summary>
    public virtual void SaveState(StateSnapshot snapshot) { foreach (var s in States) snapshot.Put(s.Values); }

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    public virtual void RestoreState(StateSnapshot snapshot) { foreach (var s in States) snapshot.Take(s.Values, $"{GetType().Name}.{s.Name}"); }
}
