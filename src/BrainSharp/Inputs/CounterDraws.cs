using System.Runtime.CompilerServices;
using BrainSharp.Random;

namespace BrainSharp.Inputs;

/// <summary>
/// Random draws that are pure functions of (seed, stream, index) (one Philox block each), so noise and spike trains do not
/// depend on thread count or update order. Index = step * units + unit.
/// </summary>
internal static class CounterDraws
{
    /// <summary>Standard normal from one block (Box-Muller on two 53-bit uniforms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Normal(ulong seed, ulong stream, ulong index)
    {
        var (a, b, c, d) = Philox.Block(seed, stream, index);
        double u1 = 1.0 - ((((ulong)a << 32) | b) >> 11) * (1.0 / (1UL << 53));   // (0, 1]
        double u2 = ((((ulong)c << 32) | d) >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong seed, ulong stream, ulong index) => Philox.Uniform(seed, stream, index);

    /// <summary>Largest mean drawn by one inversion; larger means are split into chunks (exp(-mean) stays well above underflow).</summary>
    public const double PoissonChunk = 64;

    /// <summary>Poisson count with mean <paramref name="mean"/> &lt;= <see cref="PoissonChunk"/> by inversion of one uniform (exact up to float rounding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PoissonSmall(double mean, double u)
    {
        double p = Math.Exp(-mean), cdf = p;
        int k = 0;
        while (u >= cdf && k < 1000)
        {
            k++;
            p *= mean / k;
            cdf += p;
            if (p < 1e-300 && u >= cdf) break;
        }
        return k;
    }
}
