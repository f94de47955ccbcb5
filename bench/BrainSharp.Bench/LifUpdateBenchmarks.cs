using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BrainSharp.Bench;

/// <summary>
/// Element-wise throughput of a LIF-style update v += dt/tau * (EL - v + R*I), float32: (a) one fused SIMD loop,
/// (b) the same expression as a chain of TensorPrimitives calls through a temporary. GB/s counts the 12 bytes
/// per neuron the update must move (read v and I, write v), so (b)'s extra traffic shows as a lower figure.
/// </summary>
[Config(typeof(Config))]
public class LifUpdateBenchmarks
{
    private const float Dt = 0.1f, Tau = 20f, El = -60f, R = 0.05f;
    private float[] _v = null!, _i = null!, _tmp = null!;

    /// <summary>Neurons: 4000 (COBA size, in L1/L2) and 1M (streams from memory).</summary>
    [Params(4000, 1_000_000)]
    public int N;

    private sealed class Config : ManualConfig
    {
        public Config() => Add(ThroughputColumn.ShortConfig(
            new ThroughputColumn("GB/s", c => 12.0 * ThroughputColumn.Param(c, nameof(N))),
            new ThroughputColumn("ns/neuron", (c, seconds) => seconds * 1e9 / ThroughputColumn.Param(c, nameof(N)))));
    }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(1);
        _v = new float[N]; _i = new float[N]; _tmp = new float[N];
        for (int k = 0; k < N; k++) { _v[k] = -60f + 10f * (float)rng.NextDouble(); _i[k] = 200f * (float)rng.NextDouble(); }
    }

    [Benchmark(Baseline = true, Description = "fused SIMD loop")]
    public unsafe void Fused()
    {
        float a = Dt / Tau;
        fixed (float* v = _v, cur = _i)
        {
            int n = N, k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var va = Vector256.Create(a); var vel = Vector256.Create(El); var vr = Vector256.Create(R);
                for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
                {
                    var x = Vector256.Load(v + k);
                    var drive = Vector256.FusedMultiplyAdd(vr, Vector256.Load(cur + k), vel - x);
                    Vector256.FusedMultiplyAdd(va, drive, x).Store(v + k);
                }
            }
            for (; k < n; k++) v[k] += a * (El - v[k] + R * cur[k]);
        }
    }

    [Benchmark(Description = "TensorPrimitives chain (5 calls)")]
    public void Chained()
    {
        Span<float> t = _tmp;
        TensorPrimitives.Multiply(_i, R, t);          // R*I
        TensorPrimitives.Add(t, El, t);               // + EL
        TensorPrimitives.Subtract(t, _v, t);          // - v
        TensorPrimitives.Multiply(t, Dt / Tau, t);    // * dt/tau
        TensorPrimitives.Add(_v, t, _v);              // v +=
    }
}
