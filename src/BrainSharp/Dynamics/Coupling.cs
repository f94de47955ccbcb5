namespace BrainSharp.Dynamics;

/// <summary>
/// A network part that carries activity from a source group to a target group between neuron updates
/// (a projection; later gap junctions). The <see cref="Network"/> drives it through fixed phases each step:
/// <list type="number">
/// <item><see cref="ApplyOutput"/>: add the synaptic variable's effect to the target's input accumulators;</item>
/// <item>(target neurons update and emit spikes)</item>
/// <item><see cref="CollectSpikes"/>: take this step's source spikes into the delay line (single-threaded);</item>
/// <item><see cref="Propagate"/>: deliver the spikes due now and advance the synaptic kinetics;</item>
/// <item><see cref="Learn"/>: plasticity after delivery (single-threaded), only if <see cref="HasLearning"/>.</item>
/// </list>
/// With several workers, <see cref="ApplyOutput"/> and <see cref="Propagate"/> are called once per worker with that
/// worker's share of the target (see <see cref="Partition"/>); a coupling only writes target-indexed state inside its share,
/// so no locks are needed.
/// </summary>
public abstract class Coupling : ISnapshotParticipant
{
    /// <summary>A name for messages and summaries.</summary>
    public string Name { get; set; } = "";

    /// <summary>The presynaptic group.</summary>
    public abstract NeuronGroup Source { get; }

    /// <summary>The postsynaptic group.</summary>
    public abstract NeuronGroup Target { get; }

    /// <summary>Validates parameters against <paramref name="clock"/> and builds storage. Throws naming the part, parameter and value.</summary>
    public abstract void Build(Clock clock, ulong seed, Partition targetPartition);

    /// <summary>Whether <see cref="ApplyOutput"/>/<see cref="Propagate"/> work on per-worker target ranges (false: worker 0 does all, and outputs run in the serial phase).</summary>
    public abstract bool IsPartitioned { get; }

    /// <summary>Sets the dynamic state to its initial value; random initial values derive from <paramref name="seed"/>.</summary>
    public abstract void Reset(ulong seed);

    /// <summary>Adds the synaptic effect for the target units of <paramref name="worker"/> to the target's input accumulators.</summary>
    public abstract void ApplyOutput(Clock clock, int worker);

    /// <summary>Takes the source's spikes of this step into the delay line.</summary>
    public abstract void CollectSpikes(Clock clock);

    /// <summary>Delivers the spikes due this step to the target units of <paramref name="worker"/> and advances their synaptic kinetics.</summary>
    public abstract void Propagate(Clock clock, int worker);

    /// <summary>Whether <see cref="Learn"/> must be called.</summary>
    public virtual bool HasLearning => false;

    /// <summary>Plasticity after this step's delivery.</summary>
    public virtual void Learn(Clock clock) { }

    /// <summary>
    /// The synaptic input as a <see cref="FusedInput"/> when the target group may evaluate it inside its own update
    /// (linear first-order kinetics, simple output, partitioned), after <see cref="Build"/>; null otherwise (default).
    /// </summary>
    public virtual FusedInput? FusibleInput => null;

    /// <summary>
    /// Set by the network when the target group evaluates <see cref="FusibleInput"/>: <see cref="ApplyOutput"/> then adds
    /// nothing and <see cref="Propagate"/> only delivers into the arrivals. Only couplings with a <see cref="FusibleInput"/> support it.
    /// </summary>
    public virtual bool IsFused
    {
        get => false;
        set { if (value) throw new NotSupportedException($"{Name}: {GetType().Name} cannot be fused into its target's update."); }
    }

    /// <summary>Dynamic state variables (synaptic variables), for monitors and snapshots.</summary>
    public abstract IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc/>
    public abstract void SaveState(StateSnapshot snapshot);

    /// <inheritdoc/>
    public abstract void RestoreState(StateSnapshot snapshot);
}
