using BrainSharp.Dynamics;

namespace BrainSharp.RateModels;

/// <summary>
/// A population of rate units laid out [batch, size]. Like <see cref="NeuronGroup"/>'s input accumulators, projections
/// and tests add this step's external drive into <see cref="Input"/>, which <see cref="DynamicalSystem.Update"/> consumes
/// and clears; <see cref="Rate"/> is the activity other units read.
/// </summary>
public abstract class RateGroup : DynamicalSystem
{
    protected RateGroup(string name, int size, int batch = 1) : base(name, size, batch)
    {
        Rate = new float[size * batch];
        Input = new float[size * batch];
    }

    /// <summary>Activity of each unit, in the unit its model states (Hz or dimensionless).</summary>
    public float[] Rate { get; }

    /// <summary>External drive for this step, in the model's input unit; cleared by Update.</summary>
    public float[] Input { get; }
}
