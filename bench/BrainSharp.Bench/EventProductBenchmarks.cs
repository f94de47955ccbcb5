using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Bench;

/// <summary>
/// out[batch, 4000] = spikes[batch, 4000] x W[4000, 4000] at 2% spike density, float32: the event-driven dense
/// product and the event-driven CSR product (W with 2% connection probability, the COBA network's) against the
/// dense GEMM that ignores sparsity. GEMM's cost is fixed by the matrix; the event products scale with spikes.
/// </summary>
[Config(typeof(Config))]
public class EventProductBenchmarks
{
    private const int NPre = 4000, NPost = 4000;
    private const double SpikeDensity = 0.02, ConnectionProbability = 0.02;
    private float[] _w = null!, _spikes = null!, _out = null!, _values = null!;
    private int[] _rowPtr = null!, _post = null!;

    [Params(1, 16, 64)]
    public int Batch;

    private sealed class Config : ManualConfig
    {
        public Config() => Add(ThroughputColumn.ShortConfig());
    }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(7);
        _w = new float[NPre * NPost];
        for (int i = 0; i < _w.Length; i++) _w[i] = (float)rng.NextDouble();
        _spikes = new float[Batch * NPre];
        for (int i = 0; i < _spikes.Length; i++) _spikes[i] = rng.NextDouble() < SpikeDensity ? 1f : 0f;
        _out = new float[Batch * NPost];
        var rp = new List<int> { 0 }; var post = new List<int>(); var vals = new List<float>();
        for (int i = 0; i < NPre; i++)
        {
            for (int j = 0; j < NPost; j++)
                if (rng.NextDouble() < ConnectionProbability) { post.Add(j); vals.Add((float)rng.NextDouble()); }
            rp.Add(post.Count);
        }
        _rowPtr = rp.ToArray(); _post = post.ToArray(); _values = vals.ToArray();
    }

    [Benchmark(Baseline = true, Description = "dense GEMM")]
    public void DenseGemm() => Gemm.Multiply<float>(_spikes, _w, _out, Batch, NPost, NPre);

    [Benchmark(Description = "event-driven, dense W")]
    public void EventDense() => EventProducts.DenseMultiply<float>(_spikes, _w, _out, Batch, NPre, NPost);

    [Benchmark(Description = "event-driven, CSR W (p=0.02)")]
    public void EventCsr() => EventProducts.CsrMultiply<float>(_spikes, _rowPtr, _post, _values, _out, Batch, NPre, NPost);
}
