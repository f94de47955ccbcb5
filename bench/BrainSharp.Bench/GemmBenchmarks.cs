using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Bench;

/// <summary>float32 GEMM [128x1024] x [1024x1024] (the size of one batched dense layer); GFLOP/s = 2*m*n*k / median time.</summary>
[Config(typeof(Config))]
public class GemmBenchmarks
{
    private const int M = 128, N = 1024, K = 1024;
    private float[] _a = null!, _b = null!, _bt = null!, _c = null!;

    private sealed class Config : ManualConfig
    {
        public Config() => Add(ThroughputColumn.ShortConfig(
            new ThroughputColumn("GFLOP/s", _ => 2.0 * M * N * K)));
    }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(42);
        _a = new float[M * K]; _b = new float[K * N]; _bt = new float[N * K]; _c = new float[M * N];
        for (int i = 0; i < _a.Length; i++) _a[i] = (float)rng.NextDouble();
        for (int i = 0; i < _b.Length; i++) _b[i] = (float)rng.NextDouble();
        for (int i = 0; i < _bt.Length; i++) _bt[i] = (float)rng.NextDouble();
    }

    [Benchmark(Baseline = true, Description = "Gemm.Multiply 1 thread")]
    public void Single() => Gemm.Multiply<float>(_a, _b, _c, M, N, K);

    [Benchmark(Description = "Gemm.Multiply transB 1 thread")]
    public void SingleTransB() => Gemm.Multiply<float>(_a, _bt, _c, M, N, K, transB: true);

    [Benchmark(Description = "Gemm.MultiplyParallel all cores")]
    public void Parallel() => Gemm.MultiplyParallel<float>(_a, _b, _c, M, N, K);
}
