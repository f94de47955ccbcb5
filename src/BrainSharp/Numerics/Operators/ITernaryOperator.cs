using System.Numerics;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Operators;

/// <summary>An element-wise operator w = f(x, y, z) with scalar and SIMD forms; see <see cref="IUnaryOperator{T}"/>.</summary>
public interface ITernaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>False when the vector forms only loop over lanes.</summary>
    bool Vectorizable { get; }
    /// <summary>The scalar form.</summary>
    T Invoke(T x, T y, T z);
    /// <summary>The 256-bit form.</summary>
    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> z);
    /// <summary>The 512-bit form.</summary>
    Vector512<T> Invoke(Vector512<T> x, Vector512<T> y, Vector512<T> z);
}
