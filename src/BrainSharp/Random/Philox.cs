using System.Runtime.CompilerServices;

namespace BrainSharp.Random;

/// <summary>
/// Philox4x32-10 (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3").
/// A counter-based generator: the output is a pure function of (key, counter), so any
/// thread can draw the numbers for neuron i at step t without sharing state, and a given
/// seed gives bit-identical streams for every thread count.
/// Key = 64-bit seed; counter = (64-bit stream, 64-bit block index).
/// </summary>
public static class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>The four 32-bit words of block <paramref name="block"/> of stream <paramref name="stream"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint, uint, uint, uint) Block(ulong seed, ulong stream, ulong block)
    {
        uint c0 = (uint)block, c1 = (uint)(block >> 32), c2 = (uint)stream, c3 = (uint)(stream >> 32);
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int r = 0; r < 10; r++)
        {
            ulong p0 = (ulong)M0 * c0, p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
            k0 += W0; k1 += W1;
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>A 64-bit value that depends only on (seed, stream, index): two words of one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash64(ulong seed, ulong stream, ulong index)
    {
        var (a, b, _, _) = Block(seed, stream, index);
        return ((ulong)a << 32) | b;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits, a pure function of (seed, stream, index).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong seed, ulong stream, ulong index)
        => (Hash64(seed, stream, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Mixes several identifiers into one stream id (e.g. projection id and row), so streams never collide by accident.</summary>
    public static ulong StreamId(ulong a, ulong b = 0, ulong c = 0)
    {
        var (x, y, _, _) = Block(0x5EED5EED5EED5EEDUL ^ a, b, c);
        return ((ulong)x << 32) | y;
    }
}
