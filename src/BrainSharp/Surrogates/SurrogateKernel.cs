using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BrainSharp.Surrogates;

/// <summary>The pseudo-derivative of one surrogate as a struct, so the span loops below get it inlined per element.</summary>
internal interface ISurrogateOp
{
    T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The same formula on a SIMD vector of float or double.</summary>
    Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>The one loop skeleton every built-in surrogate's span methods share (cf. TensorPrimitives' operator structs).</summary>
internal static class SurrogateKernel
{
    public static void Derivative<TOp, T>(in TOp op, ReadOnlySpan<T> x, Span<T> destination, string name)
        where TOp : struct, ISurrogateOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(name, x.Length, destination.Length);
        int i = 0, n = x.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T dr = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                op.Derivative(Vector.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) destination[i] = op.Derivative(x[i]);
    }

    public static void Backward<TOp, T>(in TOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> gradOutput, Span<T> gradInput, string name)
        where TOp : struct, ISurrogateOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(name, x.Length, gradOutput.Length, gradInput.Length);
        int i = 0, n = x.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            // Element i is loaded before it is stored, so gradInput may alias gradOutput.
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T gr = ref MemoryMarshal.GetReference(gradOutput);
            ref T ir = ref MemoryMarshal.GetReference(gradInput);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                (Vector.LoadUnsafe(ref gr, (nuint)i) * op.Derivative(Vector.LoadUnsafe(ref xr, (nuint)i))).StoreUnsafe(ref ir, (nuint)i);
        }
        for (; i < n; i++) gradInput[i] = gradOutput[i] * op.Derivative(x[i]);
    }

    public static void CheckLengths(string name, int x, int destination)
    {
        if (x != destination) throw new ArgumentException($"{name}: input has {x} elements but the destination has {destination}.");
    }

    public static void CheckLengths(string name, int x, int gradOutput, int gradInput)
    {
        if (x != gradOutput || x != gradInput)
            throw new ArgumentException($"{name}: spans differ in length (x {x}, gradOutput {gradOutput}, gradInput {gradInput}).");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0, naming the surrogate and parameter.</summary>
    public static double Positive(string surrogate, string name, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{surrogate}: {name} must be finite and > 0, got {value}.");
        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static double NonNegative(string surrogate, string name, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{surrogate}: {name} must be finite and >= 0, got {value}.");
        return value;
    }

    public static string F(double v) => v.ToString("g", CultureInfo.InvariantCulture);

    /// <summary>A vector with every lane set to <paramref name="v"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> V<T>(double v) where T : unmanaged, IFloatingPointIeee754<T> => new(T.CreateChecked(v));

    /// <summary>Lane-wise e^x for float or double vectors (Vector.Exp has no generic overload).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> VExp<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector.Exp(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Exp(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException($"Surrogate kernels support float and double, not {typeof(T).Name}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T C<T>(double v) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateChecked(v);
}
