using System.Runtime.CompilerServices;

namespace BrainSharp.Random;

/// <summary>
/// A sequential view of one Philox stream: draws advance a 64-bit position.
/// The whole state is (Seed, Stream, Position), so a snapshot is three numbers and a restored
/// stream continues exactly. Mutable struct: pass by ref.
/// </summary>
public partial struct RandomStream
{
    /// <summary>Key of the generator.</summary>
    public readonly ulong Seed;
    /// <summary>Which independent stream of that key.</summary>
    public readonly ulong Stream;
    /// <summary>Number of 32-bit words consumed so far.</summary>
    public ulong Position { readonly get => _pos; set { _pos = value; _cachedBlock = ulong.MaxValue; } }

    private ulong _pos;
    private ulong _cachedBlock;
    private uint _w0, _w1, _w2, _w3;

    public RandomStream(ulong seed, ulong stream = 0, ulong position = 0)
    {
        Seed = seed; Stream = stream; _pos = position; _cachedBlock = ulong.MaxValue;
        _w0 = _w1 = _w2 = _w3 = 0;
    }

    /// <summary>Next 32 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        ulong block = _pos >> 2;
        if (block != _cachedBlock)
        {
            (_w0, _w1, _w2, _w3) = Philox.Block(Seed, Stream, block);
            _cachedBlock = block;
        }
        uint w = (_pos & 3) switch { 0 => _w0, 1 => _w1, 2 => _w2, _ => _w3 };
        _pos++;
        return w;
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float in [0, 1).</summary>
    public float NextSingle() => (NextUInt32() >> 8) * (1f / (1 << 24));

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "RandomStream.NextInt: n must be positive.");
        ulong m = (ulong)NextUInt32() * (ulong)n;
        uint l = (uint)m;
        if (l < (uint)n)
        {
            uint t = (uint)(-n) % (uint)n;
            while (l < t) { m = (ulong)NextUInt32() * (ulong)n; l = (uint)m; }
        }
        return (int)(m >> 32);
    }

    /// <summary>Standard normal by Box-Muller. Uses one value of each pair on purpose: the state stays
    /// exactly (Seed, Stream, Position), so snapshots need no hidden spare.</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
