using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// A synapse whose state belongs to the presynaptic side (its gating depends only on the presynaptic spike train), so a
/// projection can keep one state per presynaptic neuron instead of one per synapse. When <see cref="UsesPresynapticState"/>
/// is true, <see cref="Projections.Projection"/> calls <see cref="Attach"/> once at build and <see cref="StepPresynaptic"/>
/// every step in place of its own delivery into <see cref="SynapseDynamics.Arrivals"/>; the synapse leaves the per-post
/// conductance in <see cref="SynapseDynamics.Value"/> as usual, so the output part is unchanged.
/// </summary>
public interface IPresynapticGating
{
    /// <summary>Whether the projection should drive this synapse per presynaptic neuron.</summary>
    bool UsesPresynapticState { get; }

    /// <summary>Binds to the projection's connectivity, weights and delays (build time; throws naming the projection if unsupported).</summary>
    void Attach(PresynapticWiring wiring);

    /// <summary>
    /// Advances one step: <paramref name="spikes"/> are the presynaptic neurons whose spikes arrive now (homogeneous delay) or were
    /// emitted now (heterogeneous delays), <paramref name="efficacy"/> their short-term-plasticity efficacies (empty = 1).
    /// </summary>
    void StepPresynaptic(Clock clock, ReadOnlySpan<int> spikes, ReadOnlySpan<float> efficacy);
}
