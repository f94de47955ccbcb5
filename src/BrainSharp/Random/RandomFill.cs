using System.Runtime.CompilerServices;

namespace BrainSharp.Random;

/// <summary>
/// Bulk random fills of float and double spans. Element i of a fill keyed by (seed, stream) is the first
/// draw of <see cref="RandomStream.ForElement"/>(seed, stream, firstIndex + i): a pure function of
/// (seed, stream, element index). The span is cut into fixed chunks that threads take in any order,
/// so the result is bit-identical for every thread count. Parameters are checked once per call.
/// </summary>
/// <remarks>
/// Use distinct stream ids (e.g. <see cref="Philox.StreamId"/>(purpose, step)) for distinct fills; two fills with the same
/// (seed, stream) and overlapping element indices give correlated values by design (same sub-streams).
/// </remarks>
public static class RandomFill
{
    /// <summary>Elements per work item; fixed so the split does not depend on the thread count (it could not affect values anyway).</summary>
    private const int Chunk = 8192;

    /// <summary>Uniform in [low, high).</summary>
    public static void Uniform(ulong seed, ulong stream, Span<double> destination, double low = 0, double high = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.Range("RandomFill.Uniform", low, high);
        Fill(seed, stream, destination, new UniformD(low, high), firstIndex, maxThreads);
    }

    /// <summary>Uniform in [low, high), computed in float from 24 random bits.</summary>
    public static void Uniform(ulong seed, ulong stream, Span<float> destination, float low = 0, float high = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.Range("RandomFill.Uniform", low, high);
        Fill(seed, stream, destination, new UniformF(low, high), firstIndex, maxThreads);
    }

    /// <summary>Normal(mean, std), std &gt; 0.</summary>
    public static void Normal(ulong seed, ulong stream, Span<double> destination, double mean = 0, double std = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        CheckNormal("RandomFill.Normal", mean, std);
        Fill(seed, stream, destination, new NormalS(mean, std), firstIndex, maxThreads);
    }

    /// <summary>Normal(mean, std), std &gt; 0 (drawn in double, rounded to float).</summary>
    public static void Normal(ulong seed, ulong stream, Span<float> destination, double mean = 0, double std = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        CheckNormal("RandomFill.Normal", mean, std);
        Fill(seed, stream, destination, new ToFloat<NormalS>(new NormalS(mean, std)), firstIndex, maxThreads);
    }

    /// <summary>Log-normal exp(mu + sigma·Z).</summary>
    public static void LogNormal(ulong seed, ulong stream, Span<double> destination, double mu = 0, double sigma = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        CheckNormal("RandomFill.LogNormal", mu, sigma);
        Fill(seed, stream, destination, new LogNormalS(mu, sigma), firstIndex, maxThreads);
    }

    /// <summary>Log-normal exp(mu + sigma·Z) (drawn in double, rounded to float).</summary>
    public static void LogNormal(ulong seed, ulong stream, Span<float> destination, double mu = 0, double sigma = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        CheckNormal("RandomFill.LogNormal", mu, sigma);
        Fill(seed, stream, destination, new ToFloat<LogNormalS>(new LogNormalS(mu, sigma)), firstIndex, maxThreads);
    }

    /// <summary>1 with probability p, else 0.</summary>
    public static void Bernoulli(ulong seed, ulong stream, Span<double> destination, double p, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.Probability("RandomFill.Bernoulli", nameof(p), p);
        Fill(seed, stream, destination, new BernoulliS(p), firstIndex, maxThreads);
    }

    /// <summary>1 with probability p, else 0.</summary>
    public static void Bernoulli(ulong seed, ulong stream, Span<float> destination, double p, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.Probability("RandomFill.Bernoulli", nameof(p), p);
        Fill(seed, stream, destination, new ToFloat<BernoulliS>(new BernoulliS(p)), firstIndex, maxThreads);
    }

    /// <summary>Exponential with the given rate (mean 1/rate).</summary>
    public static void Exponential(ulong seed, ulong stream, Span<double> destination, double rate = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.Positive("RandomFill.Exponential", nameof(rate), rate);
        Fill(seed, stream, destination, new ExponentialS(rate), firstIndex, maxThreads);
    }

    /// <summary>Exponential with the given rate (mean 1/rate).</summary>
    public static void Exponential(ulong seed, ulong stream, Span<float> destination, double rate = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.Positive("RandomFill.Exponential", nameof(rate), rate);
        Fill(seed, stream, destination, new ToFloat<ExponentialS>(new ExponentialS(rate)), firstIndex, maxThreads);
    }

    /// <summary>Gamma(shape, scale) by Marsaglia-Tsang; see <see cref="RandomStream.NextGamma"/>.</summary>
    public static void Gamma(ulong seed, ulong stream, Span<double> destination, double shape, double scale = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        CheckGamma(shape, scale);
        Fill(seed, stream, destination, new GammaS(shape, scale), firstIndex, maxThreads);
    }

    /// <summary>Gamma(shape, scale) by Marsaglia-Tsang (drawn in double, rounded to float).</summary>
    public static void Gamma(ulong seed, ulong stream, Span<float> destination, double shape, double scale = 1, ulong firstIndex = 0, int maxThreads = 0)
    {
        CheckGamma(shape, scale);
        Fill(seed, stream, destination, new ToFloat<GammaS>(new GammaS(shape, scale)), firstIndex, maxThreads);
    }

    /// <summary>Poisson counts with mean lambda; see <see cref="RandomStream.NextPoisson"/>.</summary>
    public static void Poisson(ulong seed, ulong stream, Span<double> destination, double lambda, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.PoissonLambda("RandomFill.Poisson", lambda);
        Fill(seed, stream, destination, new PoissonS(lambda), firstIndex, maxThreads);
    }

    /// <summary>Poisson counts with mean lambda (exact as float up to 2^24).</summary>
    public static void Poisson(ulong seed, ulong stream, Span<float> destination, double lambda, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.PoissonLambda("RandomFill.Poisson", lambda);
        Fill(seed, stream, destination, new ToFloat<PoissonS>(new PoissonS(lambda)), firstIndex, maxThreads);
    }

    /// <summary>Poisson counts with mean lambda, as integers.</summary>
    public static void Poisson(ulong seed, ulong stream, Span<int> destination, double lambda, ulong firstIndex = 0, int maxThreads = 0)
    {
        DistributionChecks.PoissonLambda("RandomFill.Poisson", lambda);
        if (lambda > 1e9)
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"RandomFill.Poisson: lambda={lambda} is too large for int counts; use a double span.");
        Fill(seed, stream, destination, new PoissonInt(lambda), firstIndex, maxThreads);
    }

    /// <summary>Uniform integers in [minInclusive, maxExclusive).</summary>
    public static void Integers(ulong seed, ulong stream, Span<int> destination, int minInclusive, int maxExclusive, ulong firstIndex = 0, int maxThreads = 0)
    {
        if (maxExclusive <= minInclusive)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive,
                $"RandomFill.Integers: maxExclusive must be greater than minInclusive, got [{minInclusive}, {maxExclusive}).");
        Fill(seed, stream, destination, new IntS(minInclusive, maxExclusive), firstIndex, maxThreads);
    }

    private static void CheckNormal(string op, double mean, double std)
    {
        DistributionChecks.Finite(op, nameof(mean), mean);
        DistributionChecks.Positive(op, nameof(std), std);
    }

    private static void CheckGamma(double shape, double scale)
    {
        DistributionChecks.Positive("RandomFill.Gamma", nameof(shape), shape);
        DistributionChecks.Positive("RandomFill.Gamma", nameof(scale), scale);
    }

    private static unsafe void Fill<T, TS>(ulong seed, ulong stream, Span<T> destination, TS sampler, ulong firstIndex, int maxThreads)
        where T : unmanaged where TS : struct, ISampler<T>
    {
        int n = destination.Length;
        if (n == 0) return;
        if (firstIndex > RandomStream.MaxElementIndex || (ulong)(n - 1) > RandomStream.MaxElementIndex - firstIndex)
            throw new ArgumentOutOfRangeException(nameof(firstIndex), firstIndex,
                $"RandomFill: element indices firstIndex..firstIndex+{n - 1} exceed the maximum {RandomStream.MaxElementIndex}.");
        if (maxThreads < 0) throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, $"RandomFill: maxThreads must be >= 0 (0 = all cores), got {maxThreads}.");
        int chunks = (n + Chunk - 1) / Chunk;
        if (chunks == 1 || maxThreads == 1)
        {
            FillRange(seed, stream, destination, sampler, firstIndex);
            return;
        }
        fixed (T* p = destination)
        {
            nint basePtr = (nint)p;
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads == 0 ? -1 : maxThreads };
            Parallel.For(0, chunks, options, c =>
            {
                int start = c * Chunk, len = Math.Min(Chunk, n - start);
                var span = new Span<T>((T*)basePtr + start, len);
                FillRange(seed, stream, span, sampler, firstIndex + (ulong)start);
            });
        }
    }

    private static void FillRange<T, TS>(ulong seed, ulong stream, Span<T> destination, TS sampler, ulong firstIndex)
        where T : unmanaged where TS : struct, ISampler<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            var s = new RandomStream(seed, stream, (firstIndex + (ulong)i) << RandomStream.ElementShift);
            destination[i] = sampler.Sample(ref s);
        }
    }

    private interface ISampler<T> { T Sample(ref RandomStream s); }

    private readonly struct ToFloat<TS>(TS inner) : ISampler<float> where TS : struct, ISampler<double>
    {
        private readonly TS _inner = inner;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public float Sample(ref RandomStream s) => (float)_inner.Sample(ref s);
    }

    private readonly struct UniformD(double low, double high) : ISampler<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public double Sample(ref RandomStream s) => s.UniformUnchecked(low, high);
    }

    private readonly struct UniformF(float low, float high) : ISampler<float>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Sample(ref RandomStream s)
        {
            float r = low + (high - low) * s.NextSingle();
            return r < high ? r : MathF.BitDecrement(high);
        }
    }

    private readonly struct NormalS(double mean, double std) : ISampler<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public double Sample(ref RandomStream s) => mean + std * s.NextNormal();
    }

    private readonly struct LogNormalS(double mu, double sigma) : ISampler<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public double Sample(ref RandomStream s) => Math.Exp(mu + sigma * s.NextNormal());
    }

    private readonly struct BernoulliS(double p) : ISampler<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public double Sample(ref RandomStream s) => s.NextDouble() < p ? 1.0 : 0.0;
    }

    private readonly struct ExponentialS(double rate) : ISampler<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public double Sample(ref RandomStream s) => -Math.Log(s.NextDoubleNonZero()) / rate;
    }

    private readonly struct GammaS(double shape, double scale) : ISampler<double>
    {
        public double Sample(ref RandomStream s) => s.GammaUnchecked(shape) * scale;
    }

    private readonly struct PoissonS(double lambda) : ISampler<double>
    {
        public double Sample(ref RandomStream s) => s.PoissonUnchecked(lambda);
    }

    private readonly struct PoissonInt(double lambda) : ISampler<int>
    {
        public int Sample(ref RandomStream s) => (int)s.PoissonUnchecked(lambda);
    }

    private readonly struct IntS(int minInclusive, int maxExclusive) : ISampler<int>
    {
        public int Sample(ref RandomStream s) => s.NextInt(minInclusive, maxExclusive);
    }
}
