using BrainSharp.Dynamics;

namespace BrainSharp.Neurons;

/// <summary>
/// Shared scaffolding of the built-in neuron models: validates the parameter record once at construction, allocates and
/// lists the state arrays ([batch, size] each, in snapshot order), clears the input accumulators and spikes on reset, and
/// runs <see cref="Update"/> as <see cref="NeuronGroup.UpdateRange"/> over the whole group. A model supplies its
/// per-neuron update (<see cref="NeuronGroup.UpdateRange"/>, which must only touch its own indices) and its initial state
/// (<see cref="ResetState"/>).
/// </summary>
public abstract class ModelNeuronGroup<TParams> : NeuronGroup where TParams : class, INeuronParameters
{
    private readonly List<StateVariable> _states = [];

    /// <summary>Validates <paramref name="parameters"/> for model <paramref name="model"/> and sets up the group.</summary>
    protected ModelNeuronGroup(string model, int size, int batch, TParams parameters) : base(model, size, batch)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate(model);
        Parameters = parameters;
    }

    /// <summary>The parameters.</summary>
    public TParams Parameters { get; }

    /// <inheritdoc/>
    public sealed override IReadOnlyList<StateVariable> States => _states;

    /// <summary>Lists <paramref name="values"/> (e.g. <see cref="NeuronGroup.V"/>) as state <paramref name="name"/> in <paramref name="unit"/>.</summary>
    protected float[] AddState(string name, string unit, float[] values)
    {
        _states.Add(new StateVariable(name, unit, values));
        return values;
    }

    /// <summary>Allocates a new [batch, size] state array and lists it as state <paramref name="name"/> in <paramref name="unit"/>.</summary>
    protected float[] AddState(string name, string unit) => AddState(name, unit, AlignedArray.Create<float>(Size * Batch));

    /// <summary>Puts the model's initial state (deterministic unless the model says otherwise); inputs and spikes are cleared by <see cref="Reset"/>.</summary>
    protected abstract void ResetState(ulong seed);

    /// <summary>Sets the initial state (<see cref="ResetState"/>) and clears the input accumulators and the spike list.</summary>
    public sealed override void Reset(ulong seed)
    {
        ResetState(seed);
        Array.Clear(InputCurrent); Array.Clear(InputConductance);
        Spikes.Clear();
    }

    /// <inheritdoc/>
    public sealed override bool CanUpdateRange => true;

    /// <inheritdoc/>
    public sealed override void Update(Clock clock) => Spikes.Count = UpdateRange(clock, 0, V.Length, Spikes.Indices);
}
