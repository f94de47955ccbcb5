using static BrainSharp.Bench.BenchStats;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Learning.Tasks;
using BrainSharp.Numerics;
using BrainSharp.Optimizers;

namespace BrainSharp.Bench;

/// <summary>
/// `-- train-peer &lt;dir&gt; [--batch 64] [--delay-ms 500] [--dt 1] [--iters 5] [--warmup 1] [--dtype float32|float64] [--seed 1]`:
/// the BrainSharp half of the PyTorch side-by-side (bench/peers/train_peer.py). Builds the evidence-accumulation
/// network of the training recipe (200 neurons, 80/20 E/I under Dale's law, half ALIF, soft reset, Bellec triangle
/// pseudo-derivative) at the given dt and batch, and writes into &lt;dir&gt; as float64 .npy: the initial parameters,
/// the sign/mask/adaptation vectors, one input batch and its labels, and the loss (windowed cross-entropy + rate
/// regularizer) and raw gradients (before clipping) of one iteration computed in float64, plus config.json with every
/// constant the peer needs. Then times training iterations in the chosen dtype (forward, loss, reverse pass,
/// global-norm clip 1, Adam lr 0.01) on that fixed batch and writes the per-iteration times to brainsharp_timing.json.
/// </summary>
public static class TrainPeer
{
    public static void Run(string[] args)
    {
        if (args.Length < 2) throw new ArgumentException("train-peer: usage: train-peer <dir> [--batch 64] [--delay-ms 500] [--dt 1] [--iters 5] [--warmup 1] [--dtype float32|float64] [--seed 1]");
        string dir = args[1];
        int batch = 64, iters = 5, warmup = 1;
        double delayMs = 500, dt = 1;
        ulong seed = 1;
        string dtype = "float32";
        for (int i = 2; i < args.Length; i++)
        {
            string v = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"train-peer: option {args[i]} needs a value.");
            switch (args[i])
            {
                case "--batch": batch = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--delay-ms": delayMs = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--dt": dt = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--iters": iters = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--dtype": dtype = v; break;
                case "--seed": seed = ulong.Parse(v, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"train-peer: unknown option {args[i]}.");
            }
            i++;
        }
        if (batch <= 0 || iters <= 0 || warmup < 0) throw new ArgumentException($"train-peer: batch {batch}, iters {iters}, warmup {warmup} must be positive (warmup >= 0).");
        Directory.CreateDirectory(dir);

        var task = new EvidenceAccumulation(seed, dt, delayMs: delayMs);
        var setup = new Setup(task, batch, seed);
        WriteReference(dir, setup);
        var times = dtype switch
        {
            "float32" => Time<float>(setup, warmup, iters),
            "float64" => Time<double>(setup, warmup, iters),
            _ => throw new ArgumentException($"train-peer: --dtype must be float32 or float64, got '{dtype}'."),
        };
        string json = JsonSerializer.Serialize(new
        {
            impl = "brainsharp", dtype, threads = 1, steps = task.Steps, batch, neurons = setup.Net.Neurons, iters, warmup,
            iteration_seconds = times.Total, forward_seconds = times.Forward, backward_seconds = times.Backward,
            cpu_seconds = times.Cpu, median_iteration_seconds = Median(times.Total), median_cpu_seconds = Median(times.Cpu),
            mean_spike_rate_hz = times.RateHz,
        });
        File.WriteAllText(Path.Combine(dir, "brainsharp_timing.json"), json);
        Console.WriteLine(json);
    }


    /// <summary>The task, network options and fixed batch shared by the reference and the timing runs.</summary>
    private sealed class Setup(EvidenceAccumulation task, int batch, ulong seed)
    {
        public readonly EvidenceAccumulation Task = task;
        public readonly int Batch = batch;
        // The evidence-accumulation recipe (Learning/TrainingRecipe) at the bench's dt: half the neurons adapt.
        public readonly SpikingNetworkOptions Net = new()
        {
            Inputs = task.InputSize, Neurons = 200, Outputs = task.Classes, Dt = task.Dt,
            AdaptiveFraction = 0.5, TauAdaptMs = 2000, AdaptationMv = 1.0, InputScale = 6, Seed = seed,
        };
        public const double RateLambda = 5e-5, TargetRateHz = 10, ClipNorm = 1, LearningRate = 0.01;
    }

    private static void WriteReference(string dir, Setup s)
    {
        var net = new EISpikingNetwork<double>(s.Net);
        var data = s.Task.Sample<double>(s.Batch, DataSplit.Train, 0);
        int steps = data.Steps, n = net.Neurons;
        foreach (var p in net.Parameters) WriteNpy(Path.Combine(dir, p.Name + ".npy"), p.Value, p.Shape);
        WriteNpy(Path.Combine(dir, "sign.npy"), net.Sign.ToArray(), n);
        WriteNpy(Path.Combine(dir, "mask.npy"), net.Mask.ToArray(), n, n);
        WriteNpy(Path.Combine(dir, "adaptation.npy"), net.Adaptation.ToArray(), n);
        WriteNpy(Path.Combine(dir, "x.npy"), data.Inputs, steps, s.Batch, net.Inputs);
        WriteNpy(Path.Combine(dir, "labels.npy"), data.Labels, s.Batch);

        var gy = new double[steps * s.Batch * net.Outputs];
        var gs = new double[n];
        var (loss, rate) = Iteration(net, data, gy, gs, out double ce, out double reg);
        foreach (var p in net.Parameters) WriteNpy(Path.Combine(dir, "grad_" + p.Name + ".npy"), p.Grad, p.Shape);
        var o = s.Net;
        var config = new
        {
            task = s.Task.Name, steps, batch = s.Batch, inputs = net.Inputs, neurons = n, outputs = net.Outputs,
            excitatory = net.ExcitatoryCount, dt_ms = o.Dt, tau_mem_ms = o.TauMemMs, tau_syn_ms = o.TauSynMs,
            tau_adapt_ms = o.TauAdaptMs, tau_out_ms = o.TauOutMs, threshold_mv = o.ThresholdMv,
            reset = o.Reset.ToString().ToLowerInvariant(), spike = o.Spike.Kind.ToString(), spike_scale = o.Spike.Alpha,
            dales_law = o.DalesLaw, response_start = data.ResponseStart, response_end = data.ResponseEnd,
            rate_lambda = Setup.RateLambda, target_rate_hz = Setup.TargetRateHz, clip_norm = Setup.ClipNorm,
            learning_rate = Setup.LearningRate, loss, loss_ce = ce, loss_reg = reg, mean_spike_rate_hz = rate,
        };
        File.WriteAllText(Path.Combine(dir, "config.json"), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>One forward + loss + reverse pass; gradients accumulate into the parameters' Grad (zeroed first).</summary>
    private static (double Loss, double RateHz) Iteration<T>(EISpikingNetwork<T> net, TaskBatch<T> data, T[] gy, T[] gs, out double ce, out double reg)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int steps = data.Steps, b = data.BatchSize;
        net.ZeroGrad();
        net.ResetState(b);
        net.Forward(data.Inputs, b, 0, steps);
        (ce, _) = WindowCrossEntropy.Compute<T>(net.Output, steps, b, net.Outputs, data.Labels, data.ResponseStart, data.ResponseEnd, gy);
        reg = RateRegularizer.Compute<T>(net.SpikeCounts, steps, b, net.Options.Dt, Setup.RateLambda, Setup.TargetRateHz, 0, gs);
        net.Backward(gy, gs);
        double spikes = 0;
        foreach (var c in net.SpikeCounts) spikes += c;
        return (ce + reg, spikes / (net.Neurons * (double)b * steps * net.Options.Dt * 1e-3));
    }

    private sealed record Timing(double[] Total, double[] Cpu, double[] Forward, double[] Backward, double RateHz);

    private static Timing Time<T>(Setup s, int warmup, int iters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = new EISpikingNetwork<T>(s.Net);
        var data = s.Task.Sample<T>(s.Batch, DataSplit.Train, 0);
        int steps = data.Steps, b = data.BatchSize;
        var adam = new Adam<T>(Setup.LearningRate);
        var pv = net.Parameters.Select(p => new Tensor<T>(p.Value, p.Shape)).ToArray();
        var gv = net.Parameters.Select(p => new Tensor<T>(p.Grad, p.Shape)).ToArray();
        var gy = new T[steps * b * net.Outputs];
        var gs = new T[net.Neurons];
        double[] tot = new double[iters], cpu = new double[iters], fwd = new double[iters], bwd = new double[iters];
        double rate = 0;
        for (int it = 0; it < warmup + iters; it++)
        {
            // Process CPU time as well as wall time: on a loaded machine the wall time mostly measures waiting.
            var c0 = Process.GetCurrentProcess().TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            net.ZeroGrad();
            net.ResetState(b);
            net.Forward(data.Inputs, b, 0, steps);
            long t1 = Stopwatch.GetTimestamp();
            WindowCrossEntropy.Compute<T>(net.Output, steps, b, net.Outputs, data.Labels, data.ResponseStart, data.ResponseEnd, gy);
            RateRegularizer.Compute<T>(net.SpikeCounts, steps, b, net.Options.Dt, Setup.RateLambda, Setup.TargetRateHz, 0, gs);
            net.Backward(gy, gs);
            long t2 = Stopwatch.GetTimestamp();
            GradientClipping.ClipByGlobalNorm<T>(gv, Setup.ClipNorm);
            adam.Step(pv, gv);
            long t3 = Stopwatch.GetTimestamp();
            var c1 = Process.GetCurrentProcess().TotalProcessorTime;
            if (it >= warmup)
            {
                int k = it - warmup;
                tot[k] = Stopwatch.GetElapsedTime(t0, t3).TotalSeconds;
                cpu[k] = (c1 - c0).TotalSeconds;
                fwd[k] = Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
                bwd[k] = Stopwatch.GetElapsedTime(t1, t2).TotalSeconds;
                double spikes = 0;
                foreach (var c in net.SpikeCounts) spikes += c;
                rate += spikes / (net.Neurons * (double)b * steps * net.Options.Dt * 1e-3) / iters;
            }
        }
        return new Timing(tot, cpu, fwd, bwd, rate);
    }

    // Minimal .npy (format 1.0) writer: the bench project does not reference BrainSharp.IO, whose NpyFile writes the same format.
    private static void WriteNpy(string path, double[] data, params int[] shape) => WriteNpy(path, "<f8", 8, data.Length, shape,
        (buf, i) => BinaryPrimitives.WriteDoubleLittleEndian(buf.AsSpan(8 * i), data[i]));

    private static void WriteNpy(string path, int[] data, params int[] shape) => WriteNpy(path, "<i4", 4, data.Length, shape,
        (buf, i) => BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(4 * i), data[i]));

    private static void WriteNpy(string path, string descr, int item, int count, int[] shape, Action<byte[], int> put)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        if (n != count) throw new ArgumentException($"train-peer: shape ({string.Join(", ", shape)}) does not match {count} elements for {path}.");
        string shp = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shp}, }}";
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        var header = new byte[total];
        byte[] magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        magic.CopyTo(header, 0);
        header[6] = 1; header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)(total - 10));
        Encoding.ASCII.GetBytes(dict, header.AsSpan(10));
        for (int k = 10 + dict.Length; k < total - 1; k++) header[k] = (byte)' ';
        header[total - 1] = (byte)'\n';
        var body = new byte[count * item];
        for (int i = 0; i < count; i++) put(body, i);
        using var f = File.Create(path);
        f.Write(header);
        f.Write(body);
    }
}
