namespace BrainSharp.Optimizers;

/// <summary>
/// The element-type-independent face of an optimizer: what learning-rate schedules and checkpoints need.
/// </summary>
public interface IOptimizer
{
    /// <summary>Name for summaries, e.g. "Adam(lr=0.001)".</summary>
    string Name { get; }

    /// <summary>Current learning rate (schedules set it between steps).</summary>
    double LearningRate { get; set; }

    /// <summary>Number of steps taken so far (PyTorch's "step").</summary>
    long StepCount { get; }

    /// <summary>
    /// The full mutable state as named arrays, in double precision (exact for float32 and float64 parameters):
    /// "step" and "lr" (one element each), "param_sizes" (element count of each parameter), and one
    /// "param.{i}.{buffer}" array per parameter and buffer (e.g. "param.0.exp_avg"). Arrays are copies.
    /// </summary>
    IReadOnlyDictionary<string, double[]> SaveState();

    /// <summary>Restores a state written by <see cref="SaveState"/> of the same optimizer type; the next step continues exactly.</summary>
    void LoadState(IReadOnlyDictionary<string, double[]> state);
}
