namespace BrainSharp.Synapses;

/// <summary>Build-time parameter checks shared by the synapse models (messages name model, parameter and value).</summary>
internal static class SynapseParameters
{
    public static void RequirePositive(string model, string name, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: {name} must be positive and finite, got {value}.");
    }

    public static void RequireNonNegative(string model, string name, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: {name} must be non-negative and finite, got {value}.");
    }

    public static void RequireFinite(string model, string name, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: {name} must be finite, got {value}.");
    }
}
