namespace BrainSharp.Random;

// Distributions on top of the raw Philox words. Every method consumes a data-dependent but
// deterministic number of words, so (Seed, Stream, Position) remains the whole state.
public partial struct RandomStream
{
    /// <summary>
    /// Sub-stream of element <paramref name="index"/> used by the bulk fills of <see cref="RandomFill"/>:
    /// position index·2^32 of (seed, stream). Element i of a fill equals the first draw from this stream,
    /// so any kernel can reproduce a fill's value for one element without the array.
    /// </summary>
    public static RandomStream ForElement(ulong seed, ulong stream, ulong index)
    {
        if (index > MaxElementIndex)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"RandomStream.ForElement: element index must be <= {MaxElementIndex}, got {index}.");
        return new RandomStream(seed, stream, index << ElementShift);
    }

    /// <summary>Largest element index a bulk fill can address (each element owns 2^32 words of its stream).</summary>
    public const ulong MaxElementIndex = uint.MaxValue;
    internal const int ElementShift = 32;

    /// <summary>Uniform double in (0, 1]: safe to take the logarithm of.</summary>
    public double NextDoubleNonZero() => 1.0 - NextDouble();

    /// <summary>Uniform double in [low, high).</summary>
    public double NextUniform(double low, double high)
    {
        DistributionChecks.Range("RandomStream.NextUniform", low, high);
        return UniformUnchecked(low, high);
    }

    internal double UniformUnchecked(double low, double high)
    {
        double r = low + (high - low) * NextDouble();
        // Rounding can land exactly on high when high - low is not a power of two.
        return r < high ? r : Math.BitDecrement(high);
    }

    /// <summary>Normal with the given mean and standard deviation (std &gt; 0).</summary>
    public double NextNormal(double mean, double std)
    {
        DistributionChecks.Finite("RandomStream.NextNormal", nameof(mean), mean);
        DistributionChecks.Positive("RandomStream.NextNormal", nameof(std), std);
        return mean + std * NextNormal();
    }

    /// <summary>Log-normal: exp(mu + sigma·Z), Z standard normal; mu and sigma are the mean and std of the logarithm.</summary>
    public double NextLogNormal(double mu, double sigma)
    {
        DistributionChecks.Finite("RandomStream.NextLogNormal", nameof(mu), mu);
        DistributionChecks.Positive("RandomStream.NextLogNormal", nameof(sigma), sigma);
        return Math.Exp(mu + sigma * NextNormal());
    }

    /// <summary>True with probability <paramref name="p"/> in [0, 1]; consumes exactly two words.</summary>
    public bool NextBernoulli(double p)
    {
        DistributionChecks.Probability("RandomStream.NextBernoulli", nameof(p), p);
        return NextDouble() < p;
    }

    /// <summary>Exponential with the given rate (mean 1/rate), by inversion.</summary>
    public double NextExponential(double rate = 1.0)
    {
        DistributionChecks.Positive("RandomStream.NextExponential", nameof(rate), rate);
        return -Math.Log(NextDoubleNonZero()) / rate;
    }

    /// <summary>
    /// Poisson count with mean <paramref name="lambda"/>. lambda &lt; 10: exact multiplication method
    /// (count uniforms until their product drops below e^-lambda). lambda ≥ 10: PTRS, the transformed
    /// rejection with squeeze of Hörmann (1993), "The transformed rejection method for generating Poisson
    /// random variables", Insurance: Mathematics and Economics 12:39-45; exact, not an approximation.
    /// </summary>
    public long NextPoisson(double lambda)
    {
        DistributionChecks.PoissonLambda("RandomStream.NextPoisson", lambda);
        return PoissonUnchecked(lambda);
    }

    internal long PoissonUnchecked(double lambda)
    {
        if (lambda == 0) return 0;
        if (lambda < 10)
        {
            double limit = Math.Exp(-lambda), prod = NextDouble();
            long k = 0;
            while (prod > limit) { k++; prod *= NextDouble(); }
            return k;
        }
        double slam = Math.Sqrt(lambda), loglam = Math.Log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = NextDouble() - 0.5;
            double v = NextDouble();
            double us = 0.5 - Math.Abs(u);
            double kd = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return (long)kd;
            if (kd < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b)
                <= -lambda + kd * loglam - SpecialFunctions.LogGamma(kd + 1))
                return (long)kd;
        }
    }

    /// <summary>
    /// Gamma with shape k &gt; 0 and scale θ &gt; 0 (mean kθ, variance kθ²). Marsaglia &amp; Tsang (2000),
    /// "A simple method for generating gamma variables", ACM TOMS 26:363-372; for k &lt; 1 it draws
    /// Gamma(k+1)·U^(1/k) (their Section 6 boost).
    /// </summary>
    public double NextGamma(double shape, double scale = 1.0)
    {
        DistributionChecks.Positive("RandomStream.NextGamma", nameof(shape), shape);
        DistributionChecks.Positive("RandomStream.NextGamma", nameof(scale), scale);
        return GammaUnchecked(shape) * scale;
    }

    internal double GammaUnchecked(double shape)
    {
        if (shape < 1.0)
        {
            double g = GammaUnchecked(shape + 1.0);
            return g * Math.Pow(NextDoubleNonZero(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0, c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do { x = NextNormal(); v = 1.0 + c * x; } while (v <= 0);
            v = v * v * v;
            double u = NextDoubleNonZero();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
            if (Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>Uniform integer in [minInclusive, maxExclusive) without modulo bias.</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive,
                $"RandomStream.NextInt: maxExclusive must be greater than minInclusive, got [{minInclusive}, {maxExclusive}).");
        long span = (long)maxExclusive - minInclusive;
        if (span <= int.MaxValue) return minInclusive + NextInt((int)span);
        // Spans wider than int: Lemire's method on 64-bit products.
        return (int)(minInclusive + NextLong(span));
    }

    /// <summary>Uniform integer in [0, n) for n &gt; 0, 64-bit, without modulo bias.</summary>
    public long NextLong(long n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "RandomStream.NextLong: n must be positive.");
        ulong un = (ulong)n;
        UInt128 m = (UInt128)NextUInt64() * un;
        ulong l = (ulong)m;
        if (l < un)
        {
            ulong t = (0UL - un) % un;
            while (l < t) { m = (UInt128)NextUInt64() * un; l = (ulong)m; }
        }
        return (long)(ulong)(m >> 64);
    }

    /// <summary>Shuffles <paramref name="items"/> in place, uniformly over all permutations (Fisher-Yates / Durstenfeld).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"RandomStream.Permutation: n must be >= 0, got {n}.");
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }

    /// <summary>
    /// k distinct integers from [0, n), every ordered k-sample equally likely; fills <paramref name="destination"/> (k = its length).
    /// Floyd's algorithm (Bentley &amp; Floyd 1987) costs O(k) expected whatever n is, then a shuffle
    /// randomizes the order. Sort the result for CSR rows.
    /// </summary>
    public void SampleWithoutReplacement(int n, Span<int> destination)
    {
        int k = destination.Length;
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"RandomStream.SampleWithoutReplacement: n must be >= 0, got {n}.");
        if (k > n)
            throw new ArgumentOutOfRangeException(nameof(destination), k, $"RandomStream.SampleWithoutReplacement: cannot draw k={k} distinct values from n={n}.");
        if (k == 0) return;
        if (k * 4L >= n)
        {
            // Dense case: partial Fisher-Yates over the whole range is cheaper than hashing.
            var all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            for (int i = 0; i < k; i++)
            {
                int j = i + NextInt(n - i);
                (all[i], all[j]) = (all[j], all[i]);
            }
            all.AsSpan(0, k).CopyTo(destination);
            return;
        }
        var seen = new HashSet<int>(k);
        int w = 0;
        for (int j = n - k; j < n; j++)
        {
            int t = NextInt(j + 1);
            int pick = seen.Add(t) ? t : j;
            if (pick == j) seen.Add(j);
            destination[w++] = pick;
        }
        Shuffle(destination);
    }

    /// <summary>k distinct integers from [0, n) in random order; see <see cref="SampleWithoutReplacement(int, Span{int})"/>.</summary>
    public int[] SampleWithoutReplacement(int n, int k)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, $"RandomStream.SampleWithoutReplacement: k must be >= 0, got {k}.");
        if (k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"RandomStream.SampleWithoutReplacement: cannot draw k={k} distinct values from n={n}.");
        var r = new int[k];
        SampleWithoutReplacement(n, r);
        return r;
    }
}
