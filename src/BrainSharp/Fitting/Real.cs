using System.Runtime.CompilerServices;

namespace BrainSharp.Fitting;

/// <summary>A plain float64 number in the <see cref="IReal{T}"/> algebra: simulation without derivatives.</summary>
public readonly struct Real : IReal<Real>
{
    public Real(double v) { Value = v; }

    public double Value { get; }

    public static Real Constant(double c) => new(c);
    public static Real operator +(Real a, Real b) => new(a.Value + b.Value);
    public static Real operator -(Real a, Real b) => new(a.Value - b.Value);
    public static Real operator *(Real a, Real b) => new(a.Value * b.Value);
    public static Real operator /(Real a, Real b) => new(a.Value / b.Value);
    public static Real operator -(Real a) => new(-a.Value);
    public static Real operator +(Real a, double b) => new(a.Value + b);
    public static Real operator -(Real a, double b) => new(a.Value - b);
    public static Real operator +(double a, Real b) => new(a + b.Value);
    public static Real operator -(double a, Real b) => new(a - b.Value);
    public static Real operator *(Real a, double b) => new(a.Value * b);
    public static Real operator *(double a, Real b) => new(a * b.Value);
    public static Real operator /(Real a, double b) => new(a.Value / b);
    public static Real operator /(double a, Real b) => new(a / b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real Exp(Real x) => new(Math.Exp(x.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real XOverExpm1(Real x) => new(XOverExpm1Value(x.Value));

    /// <summary>x / (e^x - 1), with its series near 0.</summary>
    internal static double XOverExpm1Value(double x)
        => Math.Abs(x) < 1e-5 ? 1.0 - 0.5 * x + x * x / 12.0 : x / double.ExpM1(x);

    /// <summary>d/dx [x / (e^x - 1)].</summary>
    internal static double XOverExpm1Derivative(double x)
    {
        if (Math.Abs(x) < 1e-5) return -0.5 + x / 6.0;
        double em1 = double.ExpM1(x);
        return (em1 - x * (em1 + 1.0)) / (em1 * em1);
    }

    public override string ToString() => Value.ToString("G6");
}
