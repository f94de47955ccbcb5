namespace BrainSharp.Neurons;

/// <summary>Construction-time parameter checks shared by neuron and rate models; messages name model, parameter and value.</summary>
internal static class ParameterCheck
{
    public static void Finite(string model, string name, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: parameter {name} must be finite, got {value}.");
    }

    public static void Positive(string model, string name, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: parameter {name} must be positive and finite, got {value}.");
    }

    public static void NonNegative(string model, string name, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: parameter {name} must be non-negative and finite, got {value}.");
    }

    public static void InRange(string model, string name, double value, double lo, double hi)
    {
        if (!(value >= lo && value <= hi))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: parameter {name} must lie in [{lo}, {hi}], got {value}.");
    }

    public static void Less(string model, string nameLo, double lo, string nameHi, double hi)
    {
        if (!(lo < hi))
            throw new ArgumentException($"{model}: parameter {nameLo} ({lo}) must be below {nameHi} ({hi}).", nameLo);
    }

    /// <summary>Steps of a refractory period of <paramref name="tRef"/> ms at step <paramref name="dt"/> ms (Brian2 rounds the same way).</summary>
    public static int RefractorySteps(double tRef, double dt) => (int)Math.Round(tRef / dt);
}
