namespace BrainSharp.Learning;

/// <summary>Thrown when the loss or a gradient becomes non-finite; names the step and the parameter. The last good checkpoint on disk is left untouched.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Training step at which it happened.</summary>
    public int Iteration { get; }
    /// <summary>Name of the parameter whose gradient or value was non-finite ("loss" if only the loss was).</summary>
    public string Parameter { get; }

    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int iteration, string parameter, string detail)
        : this(iteration, parameter, detail, "BpttTrainer") { }

    /// <summary>Creates the exception, naming the <paramref name="trainer"/> (e.g. "EPropTrainer") in the message.</summary>
    public TrainingDivergedException(int iteration, string parameter, string detail, string trainer)
        : base($"{trainer}: training diverged at step {iteration}: {detail} (parameter '{parameter}'). The last good checkpoint is kept.")
    {
        Iteration = iteration; Parameter = parameter;
    }
}
