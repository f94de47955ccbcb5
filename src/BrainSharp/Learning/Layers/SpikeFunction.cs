using System.Numerics;

namespace BrainSharp.Learning.Layers;

/// <summary>The kinds of spike nonlinearity the fused layer evaluates without a virtual call per element.</summary>
public enum SpikeFunctionKind
{
    /// <summary>Heaviside forward; backward gamma * max(0, 1 - |u|) (Bellec et al. 2018, 2020).</summary>
    Triangle,
    /// <summary>Heaviside forward; backward 1 / (1 + alpha |u|)^2 (SuperSpike, Zenke &amp; Ganguli 2018).</summary>
    FastSigmoid,
    /// <summary>Heaviside forward; backward alpha * sigma(alpha u) * (1 - sigma(alpha u)) (derivative of a logistic).</summary>
    Sigmoid,
    /// <summary>Forward sigma(alpha u) itself, backward its exact derivative: a smooth network for finite-difference gradient checks.</summary>
    SmoothSigmoid,
}

/// <summary>
/// Spike nonlinearity s = H(u) of the normalized distance to threshold u = (v - A) / theta, with the
/// pseudo-derivative used by BPTT. A small value type rather than <see cref="Surrogates.ISurrogate"/>
/// so the fused kernels switch once per step, not once per element.
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

    private static SpikeFunction Make(SpikeFunctionKind kind, double a)
    {
        if (!(a > 0) || !double.IsFinite(a))
            throw new ArgumentOutOfRangeException(nameof(a), a, $"SpikeFunction.{kind}: slope/scale must be positive and finite.");
        return new SpikeFunction(kind, a);
    }

    /// <summary>
    /// Pseudo-derivative ds/du at distance <paramref name="u"/> (dimensionless) given the emitted value <paramref name="s"/>;
    /// the same formulas as the fused reverse pass of <see cref="EISpikingNetwork{T}"/>.
    /// </summary>
    public T PseudoDerivative<T>(T u, T s) where T : IFloatingPointIeee754<T>
    {
        T a = T.CreateTruncating(Alpha);
        switch (Kind)
        {
            case SpikeFunctionKind.Triangle:
                T r = T.One - T.Abs(u);
                return r > T.Zero ? a * r : T.Zero;
            case SpikeFunctionKind.FastSigmoid:
                T d = T.One + a * T.Abs(u);
                return T.One / (d * d);
            case SpikeFunctionKind.Sigmoid:
                T sg = T.One / (T.One + T.Exp(-a * u));
                return a * sg * (T.One - sg);
            default: // SmoothSigmoid: s already holds sigma(a u)
                return a * s * (T.One - s);
        }
    }

    /// <summary>Name for summaries.</summary>
    public override string ToString() => $"{Kind}({Alpha})";
}
