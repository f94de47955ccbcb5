using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// The kinetics of a projection's synaptic variable, kept per post neuron ([batch, nPost]), as in BrainPy's
/// "align post" projections: for linear kinetics, the sum over synapses of identical kernels equals one kernel
/// driven by the summed input, so a projection costs O(nPost) per step plus O(spikes x out-degree) for events.
/// Each step the projection adds the weights of arriving spikes into <see cref="Arrivals"/>; <see cref="DynamicalSystem.Update"/>
/// integrates the kinetics, consumes and clears <see cref="Arrivals"/>, and leaves the value the output reads in <see cref="Value"/>.
/// </summary>
public abstract class SynapseDynamics : DynamicalSystem
{
    protected SynapseDynamics(string name, int nPost, int batch = 1) : base(name, nPost, batch)
    {
        Arrivals = new float[nPost * batch];
    }

    /// <summary>Summed weight of the spikes arriving this step, per post neuron; cleared by Update.</summary>
    public float[] Arrivals { get; }

    /// <summary>The synaptic variable handed to the output (a conductance in nS or a current in pA), per post neuron.</summary>
    public abstract float[] Value { get; }

    /// <summary>Whether <see cref="UpdateRange"/> is implemented, so a projection can split the kinetics across threads.</summary>
    public virtual bool CanUpdateRange => false;

    /// <summary>Advances post units [<paramref name="start"/>, <paramref name="end"/>) one step, consuming and clearing their <see cref="Arrivals"/>.</summary>
    public virtual void UpdateRange(Clock clock, int start, int end)
        => throw new NotSupportedException($"{Name}: {GetType().Name} does not support range updates.");

    /// <summary>Called once before the first step with the run's clock (precompute dt-dependent constants, validate).</summary>
    public virtual void Prepare(Clock clock) { }
}
