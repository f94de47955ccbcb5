using System.Numerics;
using System.Runtime.CompilerServices;
using BrainSharp.Surrogates;

namespace BrainSharp.Learning.Layers;

/// <summary>The kinds of spike nonlinearity the fused layer evaluates without a virtual call per element.</summary>
public enum SpikeFunctionKind
{
    /// <summary>Heaviside forward; backward gamma * max(0, 1 - |u|) (Bellec et al. 2018, 2020); <see cref="TriangleSurrogate"/> with alpha 1.</summary>
    Triangle,
    /// <summary>Heaviside forward; backward 1 / (1 + alpha |u|)^2 (SuperSpike, Zenke &amp; Ganguli 2018); <see cref="FastSigmoidSurrogate"/>.</summary>
    FastSigmoid,
    /// <summary>Heaviside forward; backward alpha * sigma(alpha u) * (1 - sigma(alpha u)) (derivative of a logistic); <see cref="SigmoidSurrogate"/>.</summary>
    Sigmoid,
    /// <summary>Forward sigma(alpha u) itself, backward its exact derivative: a smooth network for finite-difference gradient checks.</summary>
    SmoothSigmoid,
}

/// <summary>
/// Spike nonlinearity s = H(u) of the normalized distance to threshold u = (v - A) / theta, with the
/// pseudo-derivative used by BPTT. A small value type rather than an <see cref="ISurrogate"/> object so the fused
/// kernels evaluate the formula inline (no virtual call per element); the formulas themselves are those of the
/// surrogates in <see cref="Surrogates"/> (their operator structs are evaluated here), and <see cref="ToSurrogate"/>
/// gives the equivalent object.
/// </summary>
public readonly record struct SpikeFunction(SpikeFunctionKind Kind, double Alpha)
{
    /// <summary>Bellec et al. pseudo-derivative gamma * max(0, 1 - |u|); gamma = 0.3 in their paper.</summary>
    public static SpikeFunction Triangle(double gamma = 0.3) => Make(SpikeFunctionKind.Triangle, gamma);
    /// <summary>SuperSpike fast sigmoid with slope <paramref name="alpha"/> (Zenke &amp; Ganguli use 10 per mV-scaled unit).</summary>
    public static SpikeFunction FastSigmoid(double alpha = 5) => Make(SpikeFunctionKind.FastSigmoid, alpha);
    /// <summary>Logistic surrogate with slope <paramref name="alpha"/>.</summary>
    public static SpikeFunction Sigmoid(double alpha = 4) => Make(SpikeFunctionKind.Sigmoid, alpha);
    /// <summary>Smooth logistic forward and backward (no Heaviside) with slope <paramref name="alpha"/>.</summary>
    public static SpikeFunction SmoothSigmoid(double alpha = 4) => Make(SpikeFunctionKind.SmoothSigmoid, alpha);

    /// <summary>True when the forward pass emits exact 0/1 spikes (so event-driven products apply).</summary>
    public bool IsBinary => Kind != SpikeFunctionKind.SmoothSigmoid;

    /// <summary>The equivalent surrogate object (same pseudo-derivative of u); SmoothSigmoid maps to <see cref="SigmoidSurrogate"/>, whose primitive is its forward.</summary>
    public ISurrogate ToSurrogate() => Kind switch
    {
        SpikeFunctionKind.Triangle => new TriangleSurrogate(alpha: 1.0, dampening: Alpha),
        SpikeFunctionKind.FastSigmoid => new FastSigmoidSurrogate(Alpha),
        _ => new SigmoidSurrogate(Alpha),
    };

    /// <summary>
    /// The pseudo-derivative ds/du at <paramref name="u"/>; <paramref name="s"/> is the forward output at u, which the
    /// smooth sigmoid reuses (s (1 - s) alpha) instead of a second exponential.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Derivative<T>(T u, T s) where T : unmanaged, IFloatingPointIeee754<T> => Kind switch
    {
        SpikeFunctionKind.Triangle => new TriangleSurrogate.Op(1.0, Alpha).Derivative(u),
        SpikeFunctionKind.FastSigmoid => new FastSigmoidSurrogate.Op(Alpha).Derivative(u),
        SpikeFunctionKind.Sigmoid => new SigmoidSurrogate.Op(Alpha).Derivative(u),
        _ => T.CreateTruncating(Alpha) * s * (T.One - s),
    };

    /// <summary>
    /// The forward spike at <paramref name="u"/> = (v - threshold) / threshold: the Heaviside step, or sigma(alpha u) for the
    /// smooth sigmoid (<paramref name="binary"/> false). The BPTT layers and e-prop share it so their forward passes agree.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Forward<T>(T u, bool binary, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
        => binary ? (u > T.Zero ? T.One : T.Zero) : T.One / (T.One + T.Exp(-alpha * u));

    private static SpikeFunction Make(SpikeFunctionKind kind, double a)
        => new(kind, SurrogateKernel.Positive($"SpikeFunction.{kind}", "slope/scale", a));

    /// <summary>Name for summaries.</summary>
    public override string ToString() => $"{Kind}({Alpha})";
}
