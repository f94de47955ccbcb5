using BrainSharp.Dynamics;

namespace BrainSharp.Inputs;

/// <summary>
/// Base of the external currents: each step adds I(t) (pA) to the target group's <see cref="NeuronGroup.InputCurrent"/>,
/// with t = clock.T, the time at the start of the step. Must be updated after the target's previous update and before its
/// next one (it only writes the accumulator, which the neuron update consumes and clears).
/// </summary>
public abstract class CurrentInput : DynamicalSystem
{
    /// <summary>Binds the input to <paramref name="target"/> (one value per neuron and batch element).</summary>
    protected CurrentInput(string name, NeuronGroup target) : base(name, target?.Size ?? 0, target?.Batch ?? 1)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The group that receives the current.</summary>
    public NeuronGroup Target { get; }

    /// <summary>Checks that a time parameter (ms) is finite.</summary>
    protected static void RequireFiniteTime(string model, string name, double t)
    {
        if (!double.IsFinite(t)) throw new ArgumentOutOfRangeException(name, t, $"{model}: {name} (ms) must be finite, got {t}.");
    }

    /// <summary>Checks that an amplitude (pA) is finite.</summary>
    protected static void RequireFiniteAmplitude(string model, string name, double a)
    {
        if (!double.IsFinite(a)) throw new ArgumentOutOfRangeException(name, a, $"{model}: {name} (pA) must be finite, got {a}.");
    }

    /// <summary>Adds the same current <paramref name="amplitude"/> (pA) to every neuron of the target.</summary>
    protected void AddUniform(float amplitude)
    {
        if (amplitude == 0) return;
        var input = Target.InputCurrent;
        System.Numerics.Tensors.TensorPrimitives.Add(input, amplitude, input);
    }
}
