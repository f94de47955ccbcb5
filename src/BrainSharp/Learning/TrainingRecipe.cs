using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;

namespace BrainSharp.Learning;

/// <summary>
/// The settings used to train the built-in tasks (shared by the CLI and the examples so that reported
/// numbers come from one definition): the task, the network and the trainer options.
/// All tasks run at dt = 2 ms to keep BPTT affordable on a CPU; the evidence-accumulation delay is 500 ms.
/// </summary>
public sealed record TrainingRecipe(CognitiveTask Task, SpikingNetworkOptions Network, TrainerOptions Trainer)
{
    /// <summary>Time step used by the recipes (ms).</summary>
    public const double DefaultDt = 2.0;

    /// <summary>The recipe for task <paramref name="name"/> (see <see cref="TaskCatalog.Names"/>); <paramref name="reset"/> chooses the neurons' reset (soft by default).</summary>
    public static TrainingRecipe For(string name, int neurons = 200, ulong seed = 1, int iterations = 300,
        int batch = 32, double learningRate = 0.01, string? checkpointPath = null, ResetMode reset = ResetMode.Soft)
    {
        double dt = DefaultDt;
        CognitiveTask task = name switch
        {
            "evidence-accumulation" => new EvidenceAccumulation(seed, dt, delayMs: 500),
            _ => TaskCatalog.Create(name, seed, dt),
        };
        bool memory = name is "evidence-accumulation" or "delayed-match" or "parametric-wm";
        var net = new SpikingNetworkOptions
        {
            Inputs = task.InputSize, Neurons = neurons, Outputs = task.Classes, Dt = dt,
            // Working-memory tasks need a slow variable: half the neurons adapt (LSNN, Bellec et al. 2018).
            AdaptiveFraction = memory ? 0.5 : 0.0, TauAdaptMs = 2000, AdaptationMv = 1.0,
            InputScale = name == "evidence-accumulation" ? 6 : 3, Seed = seed, Reset = reset,
        };
        var trainer = new TrainerOptions
        {
            Iterations = iterations, BatchSize = batch, LearningRate = learningRate, ValidateEvery = 10,
            ValidationBatches = Math.Max(1, 128 / batch), TargetAccuracy = 0.97, RateLambda = 5e-5, TargetRateHz = 10,
            CheckpointPath = checkpointPath,
        };
        return new TrainingRecipe(task, net, trainer);
    }

    /// <summary>
    /// This recipe with another neuron/synapse variant: <paramref name="adaptation"/> null keeps the recipe's adaptive
    /// neurons (ALIF on the memory tasks), otherwise it chooses the mechanism, and a network without adaptive neurons
    /// gets half its neurons adaptive (as the memory recipes). The adaptation current uses the threshold's numbers
    /// (tau_w 2000 ms, b 1 mV of drive): a drive lowered by w acts on firing like a threshold raised by w.
    /// <paramref name="noAdaptation"/> removes all adaptation. Conductance synapses use the default reversal potentials
    /// (E_e +60 mV, E_i -20 mV relative to rest); the initial weights are rescaled by the network.
    /// </summary>
    public TrainingRecipe WithDynamics(AdaptationMechanism? adaptation = null, bool noAdaptation = false,
        SynapseModel synapse = SynapseModel.Current, TrainableTimeConstants trainTimeConstants = TrainableTimeConstants.None)
    {
        var n = Network with { Synapse = synapse, TrainTimeConstants = trainTimeConstants };
        if (noAdaptation) n = n with { AdaptiveFraction = 0 };
        else if (adaptation is AdaptationMechanism m)
            n = n with { Adaptation = m, AdaptiveFraction = n.AdaptiveFraction > 0 ? n.AdaptiveFraction : 0.5 };
        n.Validate();
        return this with { Network = n };
    }
}
