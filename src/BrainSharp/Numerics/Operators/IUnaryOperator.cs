using System.Numerics;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Operators;

/// <summary>
/// An element-wise operator y = f(x), written once as a scalar and as SIMD lanes; <see cref="Elementwise"/> drives the loop.
/// Implement it as a <c>readonly struct</c> so the JIT specializes and inlines it (the TensorPrimitives pattern).
/// </summary>
public interface IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>False when the vector forms only loop over lanes; the driver then runs the scalar form directly.</summary>
    bool Vectorizable { get; }
    /// <summary>The scalar form.</summary>
    T Invoke(T x);
    /// <summary>The 256-bit form.</summary>
    Vector256<T> Invoke(Vector256<T> x);
    /// <summary>The 512-bit form.</summary>
    Vector512<T> Invoke(Vector512<T> x);
}
