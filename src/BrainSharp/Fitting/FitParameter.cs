namespace BrainSharp.Fitting;

/// <summary>
/// A parameter to fit, with bounds enforced by reparameterization: the optimizer moves an unconstrained
/// u, and value = lower + (upper - lower) * sigmoid(u), taken in log space when both bounds are positive
/// (conductances spanning five decades would otherwise be dominated by their largest values).
/// </summary>
public sealed class FitParameter
{
    public FitParameter(string name, double lower, double upper, bool? logScale = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("FitParameter: name is empty.");
        if (!double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentOutOfRangeException(nameof(lower), $"FitParameter '{name}': bounds must be finite, got [{lower}, {upper}].");
        if (!(lower < upper))
            throw new ArgumentOutOfRangeException(nameof(lower), $"FitParameter '{name}': lower bound {lower} must be below upper bound {upper}.");
        bool log = logScale ?? lower > 0;
        if (log && lower <= 0)
            throw new ArgumentOutOfRangeException(nameof(lower), $"FitParameter '{name}': log scale needs a positive lower bound, got {lower}.");
        Name = name; Lower = lower; Upper = upper; LogScale = log;
    }

    public string Name { get; }
    public double Lower { get; }
    public double Upper { get; }
    /// <summary>Whether the interpolation between the bounds is geometric.</summary>
    public bool LogScale { get; }

    private double Lo => LogScale ? Math.Log(Lower) : Lower;
    private double Hi => LogScale ? Math.Log(Upper) : Upper;

    /// <summary>Parameter value for an unconstrained coordinate u.</summary>
    public double FromUnconstrained(double u)
    {
        double s = Lo + (Hi - Lo) * Sigmoid(u);
        return LogScale ? Math.Exp(s) : s;
    }

    /// <summary>d value / d u at u.</summary>
    public double Derivative(double u)
    {
        double sg = Sigmoid(u);
        double ds = (Hi - Lo) * sg * (1 - sg);
        return LogScale ? FromUnconstrained(u) * ds : ds;
    }

    /// <summary>The unconstrained coordinate of a value strictly inside the bounds; throws naming the parameter otherwise.</summary>
    public double ToUnconstrained(double value)
    {
        if (!(value > Lower && value < Upper))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"FitParameter '{Name}': value {value} is not inside its bounds ({Lower}, {Upper}).");
        double s = LogScale ? Math.Log(value) : value;
        double f = (s - Lo) / (Hi - Lo);
        return Math.Log(f / (1 - f));
    }

    /// <summary>The unconstrained coordinate of a fraction f in (0, 1) of the (log-)range.</summary>
    public static double FromFraction(double f) => Math.Log(f / (1 - f));

    private static double Sigmoid(double u) => 1.0 / (1.0 + Math.Exp(-u));

    public override string ToString() => $"{Name} in [{Lower}, {Upper}]{(LogScale ? " (log)" : "")}";
}
