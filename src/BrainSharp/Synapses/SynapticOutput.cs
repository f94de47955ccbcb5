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
}
