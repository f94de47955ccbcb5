using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// Float32 vector exponential and the two exp-based functions that neuron kernels need, fused into the caller's loop.
/// Exp: Cody-Waite range reduction x = n ln2 + r, |r| &lt;= ln2/2, then Cephes' degree-6 minimax polynomial for e^r
/// and a 2^n scale built in the exponent bits (relative error about 2e-7, i.e. 1-2 float ulp). The runtime's
/// Vector256.Exp for float widens to double, which halves throughput; this one stays in float lanes.
/// Inputs are clamped so that 2^n stays a normal float: e^x saturates at about 2.4e38 above x = 88.38 and at
/// about 1.2e-38 below x = -87.34 (no inf, no denormals), which the callers' rational forms tolerate.
/// Near 0, x/(e^x - 1) and (e^x - 1)/x lose digits to cancellation in e^x - 1; for |x| &lt; 1/2 they use their
/// Taylor series instead (truncation error below 1e-8).
/// The Vector512 and Vector256 overloads do the same operations in the same order, so a lane's result does not
/// depend on the width used.
/// </summary>
internal static class FastExp
{
    private const float MinArg = -87.3365f, MaxArg = 88.3762f;
    private const float Log2E = 1.44269504088896341f, Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
        P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    private const float SeriesBound = 0.5f;
    // x/(e^x - 1) = 1 - x/2 + x^2/12 - x^4/720 + x^6/30240 - x^8/1209600 + ...
    private const float B2 = 1f / 12, B4 = -1f / 720, B6 = 1f / 30240, B8 = -1f / 1209600;
    // (e^z - 1)/z = sum z^k/(k+1)!
    private const float F1 = 1f / 2, F2 = 1f / 6, F3 = 1f / 24, F4 = 1f / 120, F5 = 1f / 720, F6 = 1f / 5040, F7 = 1f / 40320;

    /// <summary>e^x per lane; relative error about 2e-7; inputs are clamped to [-87.3, 88.4] so the result stays finite and normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(MinArg)), Vector512.Create(MaxArg));
        var fx = Vector512.Floor(Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        // Cody-Waite: ln 2 split in two so that x - n ln 2 is exact to float precision for |n| <= 128.
        var r = Vector512.FusedMultiplyAdd(fx, Vector512.Create(-Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(fx, Vector512.Create(-Ln2Lo), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(fx) + Vector512.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <summary>x / (e^x - 1) per lane (the Bernoulli function), stable through the removable singularity at 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> XOverExpm1(Vector512<float> x)
    {
        var x2 = x * x;
        var s = Vector512.FusedMultiplyAdd(x2, Vector512.Create(B8), Vector512.Create(B6));
        s = Vector512.FusedMultiplyAdd(s, x2, Vector512.Create(B4));
        s = Vector512.FusedMultiplyAdd(s, x2, Vector512.Create(B2));
        s = Vector512.FusedMultiplyAdd(s, x2, Vector512.Create(-0.5f) * x) + Vector512<float>.One;
        var direct = x / (Exp(x) - Vector512<float>.One);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(SeriesBound)), s, direct);
    }

    /// <summary>(e^z - 1) / z per lane, stable near z = 0 (the exponential-Euler weight).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Phi1(Vector512<float> z)
    {
        var s = Vector512.FusedMultiplyAdd(Vector512.Create(F7), z, Vector512.Create(F6));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(F5));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(F4));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(F3));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(F2));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(F1));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512<float>.One);
        var direct = (Exp(z) - Vector512<float>.One) / z;
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(z), Vector512.Create(SeriesBound)), s, direct);
    }

    /// <summary>e^x per lane; relative error about 2e-7; inputs are clamped to [-87.3, 88.4] so the result stays finite and normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(MinArg)), Vector256.Create(MaxArg));
        var fx = Vector256.Floor(Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        // Cody-Waite: ln 2 split in two so that x - n ln 2 is exact to float precision for |n| <= 128.
        var r = Vector256.FusedMultiplyAdd(fx, Vector256.Create(-Ln2Hi), x);
        r = Vector256.FusedMultiplyAdd(fx, Vector256.Create(-Ln2Lo), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P5));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(fx) + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <summary>x / (e^x - 1) per lane (the Bernoulli function), stable through the removable singularity at 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> XOverExpm1(Vector256<float> x)
    {
        var x2 = x * x;
        var s = Vector256.FusedMultiplyAdd(x2, Vector256.Create(B8), Vector256.Create(B6));
        s = Vector256.FusedMultiplyAdd(s, x2, Vector256.Create(B4));
        s = Vector256.FusedMultiplyAdd(s, x2, Vector256.Create(B2));
        s = Vector256.FusedMultiplyAdd(s, x2, Vector256.Create(-0.5f) * x) + Vector256<float>.One;
        var direct = x / (Exp(x) - Vector256<float>.One);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SeriesBound)), s, direct);
    }

    /// <summary>(e^z - 1) / z per lane, stable near z = 0 (the exponential-Euler weight).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Phi1(Vector256<float> z)
    {
        var s = Vector256.FusedMultiplyAdd(Vector256.Create(F7), z, Vector256.Create(F6));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(F5));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(F4));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(F3));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(F2));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(F1));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256<float>.One);
        var direct = (Exp(z) - Vector256<float>.One) / z;
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(z), Vector256.Create(SeriesBound)), s, direct);
    }
}
