using System.Numerics;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Operators;

/// <summary>An element-wise operator z = f(x, y) with scalar and SIMD forms; see <see cref="IUnaryOperator{T}"/>.</summary>
public interface IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>False when the vector forms only loop over lanes.</summary>
    bool Vectorizable { get; }
    /// <summary>The scalar form.</summary>
    T Invoke(T x, T y);
    /// <summary>The 256-bit form.</summary>
    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);
    /// <summary>The 512-bit form.</summary>
    Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}
