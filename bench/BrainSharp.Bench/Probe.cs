using System.Diagnostics;
using System.Runtime.Intrinsics;
using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Bench;

/// <summary>
/// Quick Stopwatch probe (`dotnet run -c Release --project bench/BrainSharp.Bench -- probe`): a few seconds,
/// for iterating on kernels; the BenchmarkDotNet classes give the recorded figures.
/// </summary>
public static class Probe
{
    public static void Run(string[] args)
    {
        Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, " +
                          $"Vector<float>.Count: {System.Numerics.Vector<float>.Count}, GEMM path: {GemmCore.BestPath}");
        GemmProbe<float>(128, 1024, 1024, false, false);
        GemmProbe<float>(128, 1024, 1024, false, true);
        GemmProbe<float>(128, 1024, 1024, true, false);
        GemmProbe<double>(128, 1024, 1024, false, false);
        GemmProbe<float>(512, 512, 512, false, false);
        GemmProbe<float>(96, 256, 256, false, false, 200);
        GemmProbe<float>(1, 4000, 4000, false, false);
        GemmProbe<float>(37, 53, 101, false, false);
        GemmProbe<float>(61, 29, 77, true, true);
        if (args.Contains("gemm")) return;

        var lif = new LifUpdateBenchmarks();
        foreach (int n in new[] { 4000, 1_000_000 })
        {
            lif.N = n; lif.Setup();
            int reps = n == 4000 ? 2000 : 20;
            double f = TimeCpu(lif.Fused, reps), ch = TimeCpu(lif.Chained, reps);
            Console.WriteLine($"LIF N={n}: fused {f * 1e9 / n:F3} ns/neuron ({12.0 * n / f / 1e9:F1} GB/s), " +
                              $"TensorPrimitives chain {ch * 1e9 / n:F3} ns/neuron ({12.0 * n / ch / 1e9:F1} GB/s)  [thread CPU time]");
        }

        var ev = new EventProductBenchmarks();
        foreach (int batch in new[] { 1, 16, 64 })
        {
            ev.Batch = batch; ev.Setup();
            double g = TimeCpu(ev.DenseGemm, 5), d = TimeCpu(ev.EventDense, 5), c = TimeCpu(ev.EventCsr, 5);
            Console.WriteLine($"spikes[{batch}x4000] x W[4000x4000] @2%: GEMM {g * 1e3:F3} ms, event dense {d * 1e3:F3} ms, event CSR {c * 1e3:F3} ms  [thread CPU time]");
        }
    }

    /// <summary>Median thread-CPU seconds of one call, after a warm-up.</summary>
    private static double TimeCpu(Action f, int reps)
    {
        for (int i = 0; i < 3; i++) f();
        var t = new List<double>();
        for (int r = 0; r < 9; r++)
        {
            double c0 = ThreadCpuSeconds();
            for (int i = 0; i < reps; i++) f();
            t.Add((ThreadCpuSeconds() - c0) / reps);
        }
        t.Sort();
        return t[t.Count / 2];
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec { public long Sec, Nsec; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec ts);

    /// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID): excludes time preempted by other processes.</summary>
    public static double ThreadCpuSeconds() => OperatingSystem.IsLinux() && ClockGetTime(3, out var ts) == 0 ? ts.Sec + ts.Nsec * 1e-9 : 0;

    private static void GemmProbe<T>(int m, int n, int k, bool ta, bool tb, int reps = 15) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new System.Random(1);
        var a = new T[m * k]; var b = new T[k * n]; var c = new T[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(rng.NextDouble());
        for (int i = 0; i < b.Length; i++) b[i] = T.CreateTruncating(rng.NextDouble());
        for (int w = 0; w < 3; w++) Gemm.Multiply<T>(a, b, c, m, n, k, ta, tb);
        var times = new List<double>(); var cpu = new List<double>();
        for (int rep = 0; rep < reps * 3; rep++)
        {
            double c0 = ThreadCpuSeconds();
            var sw = Stopwatch.StartNew();
            Gemm.Multiply<T>(a, b, c, m, n, k, ta, tb);
            times.Add(sw.Elapsed.TotalSeconds);
            cpu.Add(ThreadCpuSeconds() - c0);
        }
        times.Sort(); cpu.Sort();
        double med = times[times.Count / 2], best = times[0];
        Console.WriteLine($"{typeof(T).Name} [{m}x{k}]{(ta ? "T" : "")} x [{k}x{n}]{(tb ? "T" : "")}: median {med * 1e3:F3} ms = {2.0 * m * n * k / med / 1e9:F1} GFLOP/s (best {2.0 * m * n * k / best / 1e9:F1}); thread-CPU-time median {2.0 * m * n * k / cpu[cpu.Count / 2] / 1e9:F1}; max rel. error vs naive {MaxRelativeError(a, b, c, m, n, k, ta, tb):E1}");
    }

    /// <summary>
    /// Largest |c - naive| / sum_p |a b| over a sample of output entries, the naive product in double: the probe
    /// doubles as a correctness check of whichever SIMD path this CPU takes (the AVX-512 path is only timed on
    /// machines that have it).
    /// </summary>
    private static double MaxRelativeError<T>(T[] a, T[] b, T[] c, int m, int n, int k, bool ta, bool tb)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        double worst = 0;
        for (int i = 0; i < m; i += Math.Max(1, m / 7))
            for (int j = 0; j < n; j += Math.Max(1, n / 13))
            {
                double sum = 0, mag = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = double.CreateTruncating(ta ? a[p * m + i] : a[i * k + p]);
                    double y = double.CreateTruncating(tb ? b[j * k + p] : b[p * n + j]);
                    sum += x * y; mag += Math.Abs(x * y);
                }
                worst = Math.Max(worst, Math.Abs(double.CreateTruncating(c[i * n + j]) - sum) / Math.Max(mag, 1e-300));
            }
        return worst;
    }
}
