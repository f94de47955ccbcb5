using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Operators;

/// <summary>
/// Generic-T wrappers over the runtime's float/double-only vector math (Exp, Log), plus scalar
/// log1p/expm1 that stay accurate near zero (the BCL's LogP1/ExpM1 compute log(1+x)/exp(x)-1 naively).
/// The typeof(T) tests are JIT-time constants, so each instantiation keeps one branch.
/// </summary>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector512.Exp(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.Exp(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector256.Exp(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.Exp(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector512.Log(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.Log(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector256.Log(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.Log(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>log(1 + x), accurate for small |x| (Goldberg's correction).</summary>
    public static T Log1p<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One) return x;
        if (T.IsPositiveInfinity(u)) return u;
        return T.Log(u) * x / (u - T.One);
    }

    /// <summary>exp(x) - 1, accurate for small |x| (Kahan's correction).</summary>
    public static T Expm1<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One) return x;
        T um1 = u - T.One;
        if (um1 == -T.One) return -T.One;
        if (T.IsPositiveInfinity(u)) return u;
        return um1 * x / T.Log(u);
    }

    /// <summary>Applies a scalar-only operator lane by lane (for operators without a SIMD formula).</summary>
    public static Vector512<T> PerLane<T, TOp>(TOp op, Vector512<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IUnaryOperator<T>
    {
        Span<T> buf = stackalloc T[Vector512<T>.Count];
        x.CopyTo(buf);
        for (int i = 0; i < buf.Length; i++) buf[i] = op.Invoke(buf[i]);
        return Vector512.Create<T>(buf);
    }

    /// <summary>Applies a scalar-only operator lane by lane.</summary>
    public static Vector256<T> PerLane<T, TOp>(TOp op, Vector256<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IUnaryOperator<T>
    {
        Span<T> buf = stackalloc T[Vector256<T>.Count];
        x.CopyTo(buf);
        for (int i = 0; i < buf.Length; i++) buf[i] = op.Invoke(buf[i]);
        return Vector256.Create<T>(buf);
    }

    /// <summary>Applies a scalar-only binary operator lane by lane.</summary>
    public static Vector512<T> PerLane<T, TOp>(TOp op, Vector512<T> x, Vector512<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IBinaryOperator<T>
    {
        Span<T> bx = stackalloc T[Vector512<T>.Count];
        Span<T> by = stackalloc T[Vector512<T>.Count];
        x.CopyTo(bx); y.CopyTo(by);
        for (int i = 0; i < bx.Length; i++) bx[i] = op.Invoke(bx[i], by[i]);
        return Vector512.Create<T>(bx);
    }

    /// <summary>Applies a scalar-only binary operator lane by lane.</summary>
    public static Vector256<T> PerLane<T, TOp>(TOp op, Vector256<T> x, Vector256<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IBinaryOperator<T>
    {
        Span<T> bx = stackalloc T[Vector256<T>.Count];
        Span<T> by = stackalloc T[Vector256<T>.Count];
        x.CopyTo(bx); y.CopyTo(by);
        for (int i = 0; i < bx.Length; i++) bx[i] = op.Invoke(bx[i], by[i]);
        return Vector256.Create<T>(bx);
    }
}
