using System.Diagnostics;
using System.Numerics;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Numerics;
using BrainSharp.Optimizers;
using BrainSharp.Learning.Tasks;

namespace BrainSharp.Learning;

/// <summary>
/// Trains an <see cref="EISpikingNetwork{T}"/> on a <see cref="CognitiveTask"/> by backpropagation through
/// time with surrogate gradients: each step draws a fresh training batch, runs the fused forward pass
/// (in chunks of <see cref="TrainerOptions.TruncationSteps"/> for truncated BPTT), takes the windowed
/// cross-entropy plus rate regularizers, runs the fused reverse pass, clips the global gradient norm
/// and applies Adam. Validation on held-out trials drives early stopping and checkpoints; at the end the
/// parameters with the best validation accuracy are restored.
/// </summary>
public sealed class BpttTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The network being trained.</summary>
    public EISpikingNetwork<T> Network { get; }
    /// <summary>Settings.</summary>
    public TrainerOptions Options { get; }
    /// <summary>Optimizer (Adam by default; its state is saved in checkpoints).</summary>
    public Optimizer<T> Optimizer { get; }
    /// <summary>Log of all steps taken by this trainer.</summary>
    public List<TrainingRecord> History { get; } = [];
    /// <summary>Next step to take (advanced by training, set by <see cref="Resume"/>).</summary>
    public int Iteration { get; private set; }
    /// <summary>Best validation accuracy so far.</summary>
    public double BestValidationAccuracy { get; private set; } = double.NaN;
    /// <summary>Called after every step.</summary>
    public IProgress<TrainingRecord>? Progress { get; set; }

    private T[] _gy = [];
    private T[] _gs = [];
    private T[][]? _best;

    private readonly Tensor<T>[] _paramViews, _gradViews;

    /// <summary>Creates a trainer; <paramref name="optimizer"/> defaults to Adam with <see cref="TrainerOptions.LearningRate"/>.</summary>
    public BpttTrainer(EISpikingNetwork<T> network, TrainerOptions options, Optimizer<T>? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Network = network; Options = options;
        Optimizer = optimizer ?? new Adam<T>(options.LearningRate);
        // Tensor views share the parameter and gradient arrays: the optimizer updates the network in place.
        _paramViews = network.Parameters.Select(p => new Tensor<T>(p.Value, p.Shape)).ToArray();
        _gradViews = network.Parameters.Select(p => new Tensor<T>(p.Grad, p.Shape)).ToArray();
        _gs = new T[network.Neurons];
    }

    /// <summary>Restores parameters, optimizer and step counter from a checkpoint written by this trainer.</summary>
    public void Resume(string path)
    {
        var (it, best) = TrainingCheckpoint.Load(path, Network.Parameters, Optimizer);
        Iteration = it; BestValidationAccuracy = best;
    }

    /// <summary>Trains until <see cref="TrainerOptions.Iterations"/> steps, the target accuracy, or patience runs out. Returns the wall time (s) of this call.</summary>
    public double Fit(CognitiveTask task, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        CheckCompatible(task);
        var o = Options;
        var sw = Stopwatch.StartNew();
        int sinceBest = 0;
        while (Iteration < o.Iterations && !cancel.IsCancellationRequested)
        {
            int it = Iteration;
            foreach (var p in Network.Parameters)
                foreach (var w in p.Value)
                    if (!T.IsFinite(w)) throw new TrainingDivergedException(it, p.Name, "a parameter is non-finite before the step");
            var batch = task.Sample<T>(o.BatchSize, DataSplit.Train, it);
            Network.ZeroGrad();
            var (loss, correct, rate) = Run(batch, backward: true);
            CheckFinite(it, loss);
            ClipGradients();
            Optimizer.Step(_paramViews, _gradViews);
            foreach (var p in Network.Parameters)
                foreach (var w in p.Value)
                    if (!T.IsFinite(w)) throw new TrainingDivergedException(it, p.Name, "a parameter became non-finite in the update");
            Iteration = it + 1;

            double val = double.NaN;
            bool stop = false;
            if (o.ValidateEvery > 0 && (Iteration % o.ValidateEvery == 0 || Iteration == o.Iterations))
            {
                val = Evaluate(task, DataSplit.Validation, o.ValidationBatches, o.BatchSize);
                if (double.IsNaN(BestValidationAccuracy) || val > BestValidationAccuracy)
                {
                    BestValidationAccuracy = val; sinceBest = 0;
                    _best = Network.Parameters.Select(p => (T[])p.Value.Clone()).ToArray();
                }
                else sinceBest++;
                if (o.CheckpointPath is string path) TrainingCheckpoint.Save(path, Iteration, BestValidationAccuracy, Network.Parameters, Optimizer);
                if (val >= o.TargetAccuracy) stop = true;
                if (o.Patience > 0 && sinceBest >= o.Patience) stop = true;
            }
            var rec = new TrainingRecord(it, loss, correct / (double)o.BatchSize, rate, val, sw.Elapsed.TotalSeconds);
            History.Add(rec);
            Progress?.Report(rec);
            if (stop) break;
        }
        if (_best is not null && o.RestoreBest)
            for (int p = 0; p < _best.Length; p++) _best[p].CopyTo(Network.Parameters[p].Value, 0);
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>Accuracy on <paramref name="batches"/> batches of <paramref name="split"/> (batch indices from 0).</summary>
    public double Evaluate(CognitiveTask task, DataSplit split, int batches, int batchSize)
    {
        CheckCompatible(task);
        int correct = 0, total = 0;
        for (int i = 0; i < batches; i++)
        {
            var b = task.Sample<T>(batchSize, split, i);
            correct += Run(b, backward: false).Correct;
            total += batchSize;
        }
        return correct / (double)total;
    }

    private (double Loss, int Correct, double RateHz) Run(TaskBatch<T> batch, bool backward)
    {
        var net = Network;
        int steps = batch.Steps, bs = batch.BatchSize, k = net.Outputs;
        int chunk = Options.TruncationSteps > 0 && backward ? Options.TruncationSteps : steps;
        net.ResetState(bs);
        double loss = 0, spikes = 0;
        int correct = 0;
        for (int t0 = 0; t0 < steps; t0 += chunk)
        {
            int len = Math.Min(chunk, steps - t0);
            net.Forward(batch.Inputs, bs, t0, len);
            if (_gy.Length < len * bs * k) _gy = new T[len * bs * k];
            var gy = _gy.AsSpan(0, len * bs * k);
            gy.Clear();
            if (batch.ResponseStart >= t0 && batch.ResponseEnd <= t0 + len)
            {
                var (l, c) = WindowCrossEntropy.Compute<T>(net.Output, len, bs, k, batch.Labels, batch.ResponseStart, batch.ResponseEnd, gy, t0);
                loss += l; correct = c;
            }
            foreach (var c in net.SpikeCounts) spikes += c;
            double reg = 0;
            if (Options.RateLambda > 0 || Options.CountLambda > 0)
                reg = RateRegularizer.Compute<T>(net.SpikeCounts, len, bs, net.Options.Dt, Options.RateLambda, Options.TargetRateHz, Options.CountLambda, _gs);
            loss += reg;
            if (backward) net.Backward(gy, reg > 0 || Options.CountLambda > 0 ? _gs : default);
        }
        double rate = spikes / (net.Neurons * (double)bs * steps * net.Options.Dt * 1e-3);
        return (loss, correct, rate);
    }

    private void CheckCompatible(CognitiveTask task)
    {
        if (task.InputSize != Network.Inputs)
            throw new ArgumentException($"BpttTrainer: task '{task.Name}' has {task.InputSize} inputs, the network {Network.Inputs}.");
        if (task.Classes != Network.Outputs)
            throw new ArgumentException($"BpttTrainer: task '{task.Name}' has {task.Classes} classes, the network {Network.Outputs} outputs.");
        if (Math.Abs(task.Dt - Network.Options.Dt) > 1e-12)
            throw new ArgumentException($"BpttTrainer: task dt {task.Dt} ms differs from the network dt {Network.Options.Dt} ms.");
        int k = Options.TruncationSteps;
        if (k > 0)
        {
            var r = task.Response;
            if (r.Start / k != (r.End - 1) / k)
                throw new ArgumentException($"BpttTrainer: TruncationSteps {k} splits the response window [{r.Start}, {r.End}) of '{task.Name}' across chunks; the windowed loss needs it whole.");
        }
    }

    private void CheckFinite(int it, double loss)
    {
        foreach (var p in Network.Parameters)
            foreach (var g in p.Grad)
                if (!T.IsFinite(g)) throw new TrainingDivergedException(it, p.Name, "non-finite gradient");
        if (!double.IsFinite(loss)) throw new TrainingDivergedException(it, "loss", $"loss is {loss}");
    }

    private void ClipGradients()
    {
        if (Options.ClipNorm <= 0) return;
        double sq = 0;
        foreach (var p in Network.Parameters)
            foreach (var g in p.Grad) { double d = double.CreateTruncating(g); sq += d * d; }
        double norm = Math.Sqrt(sq);
        if (norm <= Options.ClipNorm) return;
        T s = T.CreateTruncating(Options.ClipNorm / norm);
        foreach (var p in Network.Parameters)
            System.Numerics.Tensors.TensorPrimitives.Multiply(p.Grad, s, p.Grad);
    }
}
