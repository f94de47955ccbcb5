using BrainSharp.Random;

namespace BrainSharp.Dynamics;

/// <summary>
/// A seeded rule for initial values (membrane potentials, conductances) and synaptic parameters (weights, delays):
/// a constant, or a draw from a normal, log-normal or uniform distribution. Immutable; sampling advances a
/// <see cref="RandomStream"/>, so the same seed and order give the same values.
/// A number converts implicitly to a constant initializer: <c>Weight = 0.6</c>.
/// </summary>
public sealed class Initializer
{
    private enum Kind { Constant, Normal, LogNormal, Uniform }

    private readonly Kind _kind;
    private readonly double _a, _b;

    private Initializer(Kind kind, double a, double b) { _kind = kind; _a = a; _b = b; }

    /// <summary>Always <paramref name="value"/> (in the unit of the quantity it initializes).</summary>
    public static Initializer Constant(double value) => new(Kind.Constant, value, 0);

    /// <summary>Normal with the given mean and standard deviation (units of the quantity).</summary>
    public static Initializer Normal(double mean, double std) => new(Kind.Normal, mean, std);

    /// <summary>Log-normal: exp(N(mu, sigma)); <paramref name="mu"/> and <paramref name="sigma"/> are the mean and std of the logarithm.</summary>
    public static Initializer LogNormal(double mu, double sigma) => new(Kind.LogNormal, mu, sigma);

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Initializer Uniform(double low, double high) => new(Kind.Uniform, low, high);

    /// <summary>A constant initializer from a number.</summary>
    public static implicit operator Initializer(double value) => Constant(value);

    /// <summary>Whether every sample is the same value.</summary>
    public bool IsConstant => _kind == Kind.Constant || (_kind == Kind.Uniform && _a == _b) || (_kind is Kind.Normal or Kind.LogNormal && _b == 0);

    /// <summary>The value of a constant initializer (the first sample otherwise is random, so this throws).</summary>
    public double ConstantValue => IsConstant
        ? (_kind == Kind.LogNormal ? Math.Exp(_a) : _a)
        : throw new InvalidOperationException($"Initializer {this} is not constant.");

    /// <summary>The smallest value a sample can take (-inf for the normal).</summary>
    public double Minimum => _kind switch
    {
        Kind.Constant => _a,
        Kind.Uniform => _a,
        Kind.LogNormal => _b == 0 ? Math.Exp(_a) : 0,
        _ => _b == 0 ? _a : double.NegativeInfinity,
    };

    /// <summary>The largest value a sample can take (+inf for normal and log-normal).</summary>
    public double Maximum => _kind switch
    {
        Kind.Constant => _a,
        Kind.Uniform => _b,
        Kind.LogNormal => _b == 0 ? Math.Exp(_a) : double.PositiveInfinity,
        _ => _b == 0 ? _a : double.PositiveInfinity,
    };

    /// <summary>Throws naming <paramref name="model"/> and <paramref name="parameter"/> if the parameters are not finite or a spread is negative.</summary>
    public void Validate(string model, string parameter)
    {
        if (!double.IsFinite(_a) || !double.IsFinite(_b))
            throw new ArgumentException($"{model}: parameter '{parameter}' = {this} has a non-finite value.", parameter);
        if (_kind is Kind.Normal or Kind.LogNormal && _b < 0)
            throw new ArgumentOutOfRangeException(parameter, _b, $"{model}: parameter '{parameter}' = {this}: the standard deviation must be non-negative, got {_b}.");
        if (_kind == Kind.Uniform && _b < _a)
            throw new ArgumentOutOfRangeException(parameter, _b, $"{model}: parameter '{parameter}' = {this}: uniform high {_b} is below low {_a}.");
    }

    /// <summary>Draws one value, advancing <paramref name="rng"/>. Constants consume nothing.</summary>
    public double Sample(ref RandomStream rng) => _kind switch
    {
        Kind.Constant => _a,
        Kind.Normal => _a + _b * rng.NextNormal(),
        Kind.LogNormal => Math.Exp(_a + _b * rng.NextNormal()),
        _ => _a + (_b - _a) * rng.NextDouble(),
    };

    /// <summary>Fills <paramref name="values"/> with draws from one stream (seed, stream).</summary>
    public void Fill(Span<float> values, ulong seed, ulong stream)
    {
        var rng = new RandomStream(seed, stream);
        for (int i = 0; i < values.Length; i++) values[i] = (float)Sample(ref rng);
    }

    public override string ToString() => _kind switch
    {
        Kind.Constant => _a.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        Kind.Normal => FormattableString.Invariant($"Normal(mean={_a:G6}, std={_b:G6})"),
        Kind.LogNormal => FormattableString.Invariant($"LogNormal(mu={_a:G6}, sigma={_b:G6})"),
        _ => FormattableString.Invariant($"Uniform({_a:G6}, {_b:G6})"),
    };
}
