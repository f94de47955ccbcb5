using System.Numerics.Tensors;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;

namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// A per-neuron current (pA) held constant until changed: each step adds <see cref="Values"/> to the target's input
/// accumulator. The <see cref="SpikingReservoir"/> writes it once per input sample (bias plus W_in u).
/// </summary>
internal sealed class HeldInputCurrent : CurrentInput
{
    private readonly float[] _values;

    public HeldInputCurrent(NeuronGroup target) : base(nameof(HeldInputCurrent), target) { _values = new float[target.Size]; }

    /// <summary>The current per neuron, pA.</summary>
    public float[] Values => _values;

    public override IReadOnlyList<StateVariable> States => [];

    public override void Reset(ulong seed) { }

    public override void Update(Clock clock)
    {
        var input = Target.InputCurrent;
        TensorPrimitives.Add(input.AsSpan(0, _values.Length), _values, input.AsSpan(0, _values.Length));
    }
}
