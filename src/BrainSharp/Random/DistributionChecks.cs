namespace BrainSharp.Random;

/// <summary>Parameter validation shared by the sequential draws and the bulk fills, so both reject the same values with the same message.</summary>
internal static class DistributionChecks
{
    public static void Range(string op, double low, double high)
    {
        if (!double.IsFinite(low)) throw new ArgumentOutOfRangeException(nameof(low), low, $"{op}: low must be finite, got {low}.");
        if (!double.IsFinite(high)) throw new ArgumentOutOfRangeException(nameof(high), high, $"{op}: high must be finite, got {high}.");
        if (!(low < high)) throw new ArgumentOutOfRangeException(nameof(high), high, $"{op}: high must be greater than low, got low={low}, high={high}.");
    }

    public static void Finite(string op, string name, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{op}: {name} must be finite, got {value}.");
    }

    public static void Positive(string op, string name, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{op}: {name} must be finite and > 0, got {value}.");
    }

    public static void NonNegative(string op, string name, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{op}: {name} must be finite and >= 0, got {value}.");
    }

    public static void Probability(string op, string name, double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(name, p, $"{op}: {name} must be a probability in [0, 1], got {p}.");
    }

    /// <summary>Poisson rates above this would overflow a 64-bit count's exactness in double arithmetic.</summary>
    public const double MaxPoissonLambda = 1e15;

    public static void PoissonLambda(string op, double lambda)
    {
        if (!(lambda >= 0) || !(lambda <= MaxPoissonLambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"{op}: lambda must be in [0, {MaxPoissonLambda:g}], got {lambda}.");
    }
}
