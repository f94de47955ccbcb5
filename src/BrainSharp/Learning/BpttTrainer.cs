using System.Numerics;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Optimizers;
using BrainSharp.Learning.Tasks;

namespace BrainSharp.Learning;

/// <summary>
/// Trains an <see cref="EISpikingNetwork{T}"/> on a <see cref="CognitiveTask"/> by backpropagation through
/// time with surrogate gradients: each step draws a fresh training batch, runs the fused forward pass
/// (in chunks of <see cref="TrainerOptions.TruncationSteps"/> for truncated BPTT), takes the windowed
/// cross-entropy plus rate regularizers, runs the fused reverse pass, clips the global gradient norm
/// and applies Adam. Validation on held-out trials drives early stopping and checkpoints; at the end the
/// parameters with the best validation accuracy are restored (loop shared with e-prop in <see cref="GradientTrainer{T}"/>).
/// </summary>
public sealed class BpttTrainer<T> : GradientTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _gy = [];
    private readonly T[] _gs;

    /// <summary>Creates a trainer; <paramref name="optimizer"/> defaults to Adam with <see cref="TrainerOptions.LearningRate"/>.</summary>
    public BpttTrainer(EISpikingNetwork<T> network, TrainerOptions options, Optimizer<T>? optimizer = null)
        : base(network, options, optimizer)
    {
        _gs = new T[network.Neurons];
    }

    /// <inheritdoc/>
    protected override string Label => "BpttTrainer";

    /// <inheritdoc/>
    protected override BatchOutcome RunBatch(TaskBatch<T> batch, bool computeGradients)
    {
        var net = Network;
        bool backward = computeGradients;
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
        return new BatchOutcome(loss, correct, rate);
    }

    /// <inheritdoc/>
    protected override void CheckCompatible(CognitiveTask task)
    {
        base.CheckCompatible(task);
        int k = Options.TruncationSteps;
        if (k > 0)
        {
            var r = task.Response;
            if (r.Start / k != (r.End - 1) / k)
                throw new ArgumentException($"BpttTrainer: TruncationSteps {k} splits the response window [{r.Start}, {r.End}) of '{task.Name}' across chunks; the windowed loss needs it whole.");
        }
    }
}
