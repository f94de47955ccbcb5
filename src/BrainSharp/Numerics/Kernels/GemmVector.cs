using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using X86 = System.Runtime.Intrinsics.X86;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// The handful of SIMD operations the GEMM micro-kernel needs, abstracted over the vector width so the
/// kernel is written once. Implementations are structs with static members: the JIT specializes the
/// generic kernel per (T, width) and inlines every call, so the accumulators stay in registers.
/// </summary>
internal interface IGemmVector<T, TVec>
    where T : unmanaged
    where TVec : struct
{
    static abstract int Count { get; }
    static abstract TVec Zero { get; }
    static abstract unsafe TVec Load(T* p);
    static abstract unsafe void Store(T* p, TVec v);
    static abstract TVec Splat(T x);
    /// <summary>a * b + c, fused where the hardware has FMA.</summary>
    static abstract TVec Fma(TVec a, TVec b, TVec c);
    static abstract TVec Mul(TVec a, TVec b);
}

/// <summary>Which vector width the GEMM kernels run with; <see cref="Auto"/> picks the widest accelerated one.</summary>
internal enum GemmPath { Auto, Vector512, Vector256, VectorT }

internal readonly struct GemmV512<T> : IGemmVector<T, Vector512<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector512<T> Load(T* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe void Store(T* p, Vector512<T> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Splat(T x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Mul(Vector512<T> a, Vector512<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (!X86.Avx512F.IsSupported) return a * b + c;
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}

internal readonly struct GemmV256<T> : IGemmVector<T, Vector256<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector256<T> Load(T* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe void Store(T* p, Vector256<T> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Splat(T x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Mul(Vector256<T> a, Vector256<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        // Without FMA hardware the fused form is emulated in software, far slower than mul + add.
        if (!X86.Fma.IsSupported) return a * b + c;
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}

internal readonly struct GemmVT<T> : IGemmVector<T, Vector<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector<T>.Count;
    public static Vector<T> Zero => Vector<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector<T> Load(T* p) => Vector.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe void Store(T* p, Vector<T> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Splat(T x) => new(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Mul(Vector<T> a, Vector<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Fma(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        if (!X86.Fma.IsSupported && !AdvSimd.IsSupported) return a * b + c;
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        return a * b + c;
    }
}
