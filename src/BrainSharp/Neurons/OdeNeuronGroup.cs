using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>A built-in neuron model integrated by a chosen <see cref="OdeMethod"/> (validated at construction).</summary>
public abstract class OdeNeuronGroup<TParams> : ModelNeuronGroup<TParams> where TParams : class, INeuronParameters
{
    /// <summary>Validates the parameters and <paramref name="method"/> for model <paramref name="model"/>.</summary>
    protected OdeNeuronGroup(string model, int size, int batch, TParams parameters, OdeMethod method) : base(model, size, batch, parameters)
    {
        OdeStepper.Validate(model, method);
        Method = method;
    }

    /// <summary>The integration method.</summary>
    public OdeMethod Method { get; }
}
