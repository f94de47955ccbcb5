using System.Diagnostics;
using System.Numerics;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;
using BrainSharp.Numerics;
using BrainSharp.Optimizers;

namespace BrainSharp.Learning;

/// <summary>
/// The training loop shared by the gradient-based learners of <see cref="EISpikingNetwork{T}"/> (BPTT, e-prop):
/// each step draws a fresh training batch, lets the subclass compute loss and gradients (<see cref="RunBatch"/>),
/// checks them, clips the global gradient norm and applies the optimizer. Validation on held-out trials drives
/// early stopping and checkpoints; at the end the parameters with the best validation accuracy are restored.
/// The subclasses differ only in how <see cref="RunBatch"/> obtains the gradient.
/// </summary>
public abstract class GradientTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
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

    /// <summary>Name used in error messages, e.g. "BpttTrainer".</summary>
    protected abstract string Label { get; }

    private T[][]? _best;
    private readonly Tensor<T>[] _paramViews, _gradViews;

    /// <summary>Validates the options; <paramref name="optimizer"/> defaults to Adam with <see cref="TrainerOptions.LearningRate"/>.</summary>
    protected GradientTrainer(EISpikingNetwork<T> network, TrainerOptions options, Optimizer<T>? optimizer)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Network = network; Options = options;
        Optimizer = optimizer ?? new Adam<T>(options.LearningRate);
        // Tensor views share the parameter and gradient arrays: the optimizer updates the network in place.
        _paramViews = network.Parameters.Select(p => new Tensor<T>(p.Value, p.Shape)).ToArray();
        _gradViews = network.Parameters.Select(p => new Tensor<T>(p.Grad, p.Shape)).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="batch"/> from the zero state; when <paramref name="computeGradients"/> is true, adds
    /// dLoss/dparameter (or the learner's estimate of it) into each parameter's Grad (zeroed by the caller).
    /// </summary>
    protected abstract BatchOutcome RunBatch(TaskBatch<T> batch, bool computeGradients);

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
            var r = RunBatch(batch, computeGradients: true);
            CheckFinite(it, r.Loss);
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
            var rec = new TrainingRecord(it, r.Loss, r.Correct / (double)o.BatchSize, r.MeanRateHz, val, sw.Elapsed.TotalSeconds);
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
            correct += RunBatch(b, computeGradients: false).Correct;
            total += batchSize;
        }
        return correct / (double)total;
    }

    /// <summary>Throws if <paramref name="task"/> does not fit the network (inputs, classes, dt).</summary>
    protected virtual void CheckCompatible(CognitiveTask task)
    {
        if (task.InputSize != Network.Inputs)
            throw new ArgumentException($"{Label}: task '{task.Name}' has {task.InputSize} inputs, the network {Network.Inputs}.");
        if (task.Classes != Network.Outputs)
            throw new ArgumentException($"{Label}: task '{task.Name}' has {task.Classes} classes, the network {Network.Outputs} outputs.");
        if (Math.Abs(task.Dt - Network.Options.Dt) > 1e-12)
            throw new ArgumentException($"{Label}: task dt {task.Dt} ms differs from the network dt {Network.Options.Dt} ms.");
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
