using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// How a synaptic variable acts on the post neurons: adds to their <see cref="NeuronGroup.InputCurrent"/> and
/// <see cref="NeuronGroup.InputConductance"/> (I_syn = InputCurrent - InputConductance * v).
/// </summary>
public abstract class SynapticOutput
{
    /// <summary>Adds the effect of <paramref name="value"/> ([batch * nPost]) to the post group's input accumulators.</summary>
    public abstract void Apply(ReadOnlySpan<float> value, NeuronGroup post);

    /// <summary>Whether <see cref="ApplyRange"/> is implemented.</summary>
    public virtual bool CanApplyRange => false;

    /// <summary>As <see cref="Apply"/>, for post units [<paramref name="start"/>, <paramref name="end"/>) only.</summary>
    public virtual void ApplyRange(ReadOnlySpan<float> value, NeuronGroup post, int start, int end)
        => throw new NotSupportedException($"{GetType().Name} does not support range application.");
}
