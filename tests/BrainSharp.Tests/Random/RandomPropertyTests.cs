using BrainSharp.Random;
using CsCheck;

namespace BrainSharp.Tests.Random;

/// <summary>Invariants over random arguments (CsCheck shrinks any counterexample to a minimal one).</summary>
public class RandomPropertyTests
{
    [Fact]
    public void SamplingIsAlwaysDistinctAndInRange()
    {
        Gen.Select(Gen.Int[0, 3000], Gen.Double[0, 1], Gen.ULong).Sample(t =>
        {
            var (n, frac, seed) = t;
            int k = (int)(frac * n);
            var s = new RandomStream(seed);
            var x = s.SampleWithoutReplacement(n, k);
            if (x.Length != k) return false;
            var seen = new bool[n];
            foreach (var v in x)
            {
                if (v < 0 || v >= n || seen[v]) return false;
                seen[v] = true;
            }
            return true;
        }, iter: 300);
    }

    [Fact]
    public void IntegersStayInRange()
    {
        Gen.Select(Gen.Int, Gen.Int, Gen.ULong).Sample(t =>
        {
            var (a, b, seed) = t;
            if (a == b) return true;
            int lo = Math.Min(a, b), hi = Math.Max(a, b);
            var s = new RandomStream(seed);
            for (int i = 0; i < 20; i++)
            {
                int v = s.NextInt(lo, hi);
                if (v < lo || v >= hi) return false;
            }
            return true;
        }, iter: 500);
    }

    [Fact]
    public void UniformNeverReachesHigh()
    {
        // Ranges whose width is not a power of two can round lo + w·u up to hi; the draw must stay below it.
        Gen.Select(Gen.Double[-1e6, 1e6], Gen.Double[1e-9, 1e3], Gen.ULong).Sample(t =>
        {
            var (lo, w, seed) = t;
            double hi = lo + w;
            if (!(hi > lo)) return true;
            var s = new RandomStream(seed);
            for (int i = 0; i < 50; i++)
            {
                double v = s.NextUniform(lo, hi);
                if (v < lo || v >= hi) return false;
            }
            return true;
        }, iter: 300);
    }

    [Fact]
    public void FillChunkingNeverChangesValues()
    {
        // Any split point and offset: filling [0, n) at once equals filling two pieces with firstIndex.
        Gen.Select(Gen.Int[1, 20_000], Gen.Double[0, 1], Gen.ULong).Sample(t =>
        {
            var (n, frac, seed) = t;
            int cut = (int)(frac * n);
            var whole = new float[n];
            var parts = new float[n];
            RandomFill.Normal(seed, 3, whole, 0, 1, firstIndex: 100);
            RandomFill.Normal(seed, 3, parts.AsSpan(0, cut), 0, 1, firstIndex: 100);
            RandomFill.Normal(seed, 3, parts.AsSpan(cut), 0, 1, firstIndex: 100 + (ulong)cut);
            return whole.AsSpan().SequenceEqual(parts);
        }, iter: 40);
    }
}
