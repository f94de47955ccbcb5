using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BrainSharp.Fitting;

/// <summary>
/// A forward-mode dual number: a value and its derivatives with respect to up to eight parameters, held in one
/// Vector512 so that propagating all eight derivatives costs one or two SIMD instructions per operation.
/// Forward mode suits neuron fitting: few parameters, thousands of steps, and memory that does not grow with
/// the trace length (reverse mode would store every step).
/// </summary>
public readonly struct Dual8 : IReal<Dual8>
{
    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>d(value)/d(parameter k), k = 0..7.</summary>
    public Vector512<double> Grad { get; }

    public Dual8(double value, Vector512<double> grad) { Value = value; Grad = grad; }

    /// <summary>An independent variable: derivative 1 with respect to parameter <paramref name="k"/>.</summary>
    public static Dual8 Variable(double value, int k)
    {
        if ((uint)k >= 8) throw new ArgumentOutOfRangeException(nameof(k), k, "Dual8: at most 8 parameters.");
        Span<double> g = stackalloc double[8];
        g.Clear();
        g[k] = 1.0;
        return new Dual8(value, Vector512.Create((ReadOnlySpan<double>)g));
    }

    public static Dual8 Constant(double c) => new(c, Vector512<double>.Zero);

    public static Dual8 operator +(Dual8 a, Dual8 b) => new(a.Value + b.Value, a.Grad + b.Grad);
    public static Dual8 operator -(Dual8 a, Dual8 b) => new(a.Value - b.Value, a.Grad - b.Grad);
    public static Dual8 operator *(Dual8 a, Dual8 b) => new(a.Value * b.Value, a.Grad * b.Value + b.Grad * a.Value);

    public static Dual8 operator /(Dual8 a, Dual8 b)
    {
        double inv = 1.0 / b.Value;
        double q = a.Value * inv;
        return new(q, (a.Grad - b.Grad * q) * inv);
    }

    public static Dual8 operator -(Dual8 a) => new(-a.Value, -a.Grad);
    public static Dual8 operator +(Dual8 a, double b) => new(a.Value + b, a.Grad);
    public static Dual8 operator -(Dual8 a, double b) => new(a.Value - b, a.Grad);
    public static Dual8 operator +(double a, Dual8 b) => new(a + b.Value, b.Grad);
    public static Dual8 operator -(double a, Dual8 b) => new(a - b.Value, -b.Grad);
    public static Dual8 operator *(Dual8 a, double b) => new(a.Value * b, a.Grad * b);
    public static Dual8 operator *(double a, Dual8 b) => new(a * b.Value, b.Grad * a);
    public static Dual8 operator /(Dual8 a, double b) => new(a.Value / b, a.Grad * (1.0 / b));

    public static Dual8 operator /(double a, Dual8 b)
    {
        double q = a / b.Value;
        return new(q, b.Grad * (-q / b.Value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual8 Exp(Dual8 x)
    {
        double e = Math.Exp(x.Value);
        return new(e, x.Grad * e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual8 XOverExpm1(Dual8 x)
        => new(Real.XOverExpm1Value(x.Value), x.Grad * Real.XOverExpm1Derivative(x.Value));

    /// <summary>Derivative with respect to parameter k.</summary>
    public double this[int k] => Grad.GetElement(k);

    public override string ToString() => $"{Value:G6} (d: {Grad})";
}
