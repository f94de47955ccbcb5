using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// log1p and expm1 accurate near zero. .NET's T.LogP1 and T.ExpM1 are plain Log(1 + x) and Exp(x) − 1, which lose
/// all digits for tiny x; Kahan's correction (Goldberg 1991, "What every computer scientist should know about
/// floating-point arithmetic", Theorem 4) restores them to a few ulps.
/// </summary>
internal static class StableMath
{
    public static T Log1P<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T w = T.One + x;
        if (w == T.One) return x;
        return T.Log(w) * x / (w - T.One);
    }

    public static T ExpM1<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One) return x;
        T um1 = u - T.One;
        if (um1 == -T.One) return -T.One;
        if (T.IsPositiveInfinity(u)) return u;
        return um1 * x / T.Log(u);
    }
}
