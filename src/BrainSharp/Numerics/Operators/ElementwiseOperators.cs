using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Operators;

// The built-in element-wise operators. Each is a readonly struct so the driver's generic
// instantiation inlines it; "Grad" operators fuse a backward rule (x = upstream gradient,
// y = the forward input or output) into one pass.

internal readonly struct NegOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => -x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => -x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => -x;
}

internal readonly struct AbsOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => Vector256.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => Vector512.Abs(x);
}

internal readonly struct ExpOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.Exp(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => VectorMath.Exp(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => VectorMath.Exp(x);
}

internal readonly struct LogOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.Log(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => VectorMath.Log(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => VectorMath.Log(x);
}

internal readonly struct Log1pOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => VectorMath.Log1p(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => VectorMath.PerLane(this, x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => VectorMath.PerLane(this, x);
}

internal readonly struct Expm1Op<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => VectorMath.Expm1(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => VectorMath.PerLane(this, x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => VectorMath.PerLane(this, x);
}

internal readonly struct SqrtOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => Vector256.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => Vector512.Sqrt(x);
}

internal readonly struct TanhOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => VectorMath.PerLane(this, x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => VectorMath.PerLane(this, x);
}

internal readonly struct SigmoidOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.One / (T.One + T.Exp(-x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => Vector256<T>.One / (Vector256<T>.One + VectorMath.Exp(-x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => Vector512<T>.One / (Vector512<T>.One + VectorMath.Exp(-x));
}

internal readonly struct SoftplusOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => x > T.Zero ? x + VectorMath.Log1p(T.Exp(-x)) : VectorMath.Log1p(T.Exp(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => VectorMath.PerLane(this, x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => VectorMath.PerLane(this, x);
}

internal readonly struct ReluOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => x > T.Zero ? x : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => Vector256.Max(x, Vector256<T>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => Vector512.Max(x, Vector512<T>.Zero);
}

internal readonly struct HeavisideOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => x > T.Zero ? T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => Vector512.GreaterThan(x, Vector512<T>.Zero) & Vector512<T>.One;
}

internal readonly struct SignOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => (Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One) - (Vector256.LessThan(x, Vector256<T>.Zero) & Vector256<T>.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => (Vector512.GreaterThan(x, Vector512<T>.Zero) & Vector512<T>.One) - (Vector512.LessThan(x, Vector512<T>.Zero) & Vector512<T>.One);
}

internal readonly struct SquareOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => x * x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => x * x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => x * x;
}

internal readonly struct ReciprocalOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.One / x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => Vector256<T>.One / x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => Vector512<T>.One / x;
}

internal readonly struct AddOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x + y;
}

internal readonly struct SubOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x - y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x - y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x - y;
}

internal readonly struct MulOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x * y;
}

internal readonly struct DivOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x / y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x / y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x / y;
}

internal readonly struct PowOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => T.Pow(x, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => VectorMath.PerLane(this, x, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => VectorMath.PerLane(this, x, y);
}

internal readonly struct MinOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : (x < y ? x : y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Min(x, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Min(x, y);
}

internal readonly struct MaxOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : (x > y ? x : y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Max(x, y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, y);
}

internal readonly struct GreaterOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x > y ? T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThan(x, y) & Vector256<T>.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThan(x, y) & Vector512<T>.One;
}

internal readonly struct LessOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x < y ? T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.LessThan(x, y) & Vector256<T>.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.LessThan(x, y) & Vector512<T>.One;
}

internal readonly struct GreaterOrEqualOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x >= y ? T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThanOrEqual(x, y) & Vector256<T>.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThanOrEqual(x, y) & Vector512<T>.One;
}

internal readonly struct LessOrEqualOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x <= y ? T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.LessThanOrEqual(x, y) & Vector256<T>.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.LessThanOrEqual(x, y) & Vector512<T>.One;
}

internal readonly struct EqualOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x == y ? T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Equals(x, y) & Vector256<T>.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Equals(x, y) & Vector512<T>.One;
}

internal readonly struct NotEqualOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x != y ? T.One : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => ~Vector256.Equals(x, y) & Vector256<T>.One;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => ~Vector512.Equals(x, y) & Vector512<T>.One;
}

internal readonly struct ReluGradOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => y > T.Zero ? x : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThan(y, Vector256<T>.Zero) & x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThan(y, Vector512<T>.Zero) & x;
}

internal readonly struct SigmoidGradOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x * y * (T.One - y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x * y * (Vector256<T>.One - y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x * y * (Vector512<T>.One - y);
}

internal readonly struct TanhGradOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x * (T.One - y * y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x * (Vector256<T>.One - y * y);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x * (Vector512<T>.One - y * y);
}

internal readonly struct SoftplusGradOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => x / (T.One + T.Exp(-y));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x / (Vector256<T>.One + VectorMath.Exp(-y));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x / (Vector512<T>.One + VectorMath.Exp(-y));
}

internal readonly struct ClampOp<T>(T lo, T hi) : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => x < lo ? lo : x > hi ? hi : x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x) => Vector256.Min(Vector256.Max(x, Vector256.Create(lo)), Vector256.Create(hi));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x) => Vector512.Min(Vector512.Max(x, Vector512.Create(lo)), Vector512.Create(hi));
}

/// <summary>x = upstream gradient, y = forward input: passes x where lo &lt;= y &lt;= hi.</summary>
internal readonly struct ClampGradOp<T>(T lo, T hi) : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x, T y) => y >= lo && y <= hi ? x : T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) =>
        Vector256.GreaterThanOrEqual(y, Vector256.Create(lo)) & Vector256.LessThanOrEqual(y, Vector256.Create(hi)) & x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) =>
        Vector512.GreaterThanOrEqual(y, Vector512.Create(lo)) & Vector512.LessThanOrEqual(y, Vector512.Create(hi)) & x;
}

internal readonly struct PowScalarOp<T>(T p) : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T x) => T.Pow(x, p);
    public Vector256<T> Invoke(Vector256<T> x) => VectorMath.PerLane(this, x);
    public Vector512<T> Invoke(Vector512<T> x) => VectorMath.PerLane(this, x);
}

/// <summary>where(c, a, b): a where c is nonzero, else b.</summary>
internal readonly struct WhereOp<T> : ITernaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool Vectorizable => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Invoke(T c, T a, T b) => c != T.Zero ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Invoke(Vector256<T> c, Vector256<T> a, Vector256<T> b) =>
        Vector256.ConditionalSelect(Vector256.Equals(c, Vector256<T>.Zero), b, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Invoke(Vector512<T> c, Vector512<T> a, Vector512<T> b) =>
        Vector512.ConditionalSelect(Vector512.Equals(c, Vector512<T>.Zero), b, a);
}
