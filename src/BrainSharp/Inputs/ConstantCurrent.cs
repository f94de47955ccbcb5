using BrainSharp.Dynamics;

namespace BrainSharp.Inputs;

/// <summary>A constant current I (pA), the same for every neuron or one value per neuron (repeated across the batch).</summary>
public sealed class ConstantCurrent : CurrentInput
{
    private readonly float[]? _perNeuron;

    /// <summary>Injects <paramref name="amplitude"/> pA into every neuron of <paramref name="target"/>.</summary>
    public ConstantCurrent(NeuronGroup target, double amplitude) : base(nameof(ConstantCurrent), target)
    {
        RequireFiniteAmplitude(nameof(ConstantCurrent), nameof(amplitude), amplitude);
        Amplitude = amplitude;
    }

    /// <summary>Injects <paramref name="amplitudes"/>[i] pA into neuron i (length = target size).</summary>
    public ConstantCurrent(NeuronGroup target, float[] amplitudes) : base(nameof(ConstantCurrent), target)
    {
        ArgumentNullException.ThrowIfNull(amplitudes);
        if (amplitudes.Length != target.Size)
            throw new ArgumentException($"ConstantCurrent: {amplitudes.Length} amplitudes for group '{target.Name}' of size {target.Size}.", nameof(amplitudes));
        for (int i = 0; i < amplitudes.Length; i++) RequireFiniteAmplitude(nameof(ConstantCurrent), $"amplitudes[{i}]", amplitudes[i]);
        _perNeuron = (float[])amplitudes.Clone();
    }

    /// <summary>The uniform amplitude, pA (0 when per-neuron amplitudes are used).</summary>
    public double Amplitude { get; }

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States => [];

    /// <inheritdoc />
    public override void Reset(ulong seed) { }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        if (_perNeuron is null) { AddUniform((float)Amplitude); return; }
        var input = Target.InputCurrent;
        for (int b = 0; b < Batch; b++)
            System.Numerics.Tensors.TensorPrimitives.Add(input.AsSpan(b * Size, Size), _perNeuron, input.AsSpan(b * Size, Size));
    }
}
