namespace BrainSharp.Learning.EProp;

/// <summary>Settings specific to e-prop (<see cref="EPropTrainer{T}"/>, <see cref="EPropLearner{T}"/>).</summary>
public sealed class EPropOptions
{
    /// <summary>
    /// False (default): symmetric e-prop, the learning signal uses the current readout weights W_out.
    /// True: random e-prop, a fixed random feedback matrix B [Neurons, Outputs] with entries N(0, 1/Neurons) is used instead.
    /// </summary>
    public bool RandomFeedback { get; init; }
    /// <summary>Seed of the random feedback matrix (used only with <see cref="RandomFeedback"/>).</summary>
    public ulong FeedbackSeed { get; init; } = 1;
}
