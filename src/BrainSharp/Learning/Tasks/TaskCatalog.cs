namespace BrainSharp.Learning.Tasks;

/// <summary>Creates the built-in tasks by their command-line names with default parameters.</summary>
public static class TaskCatalog
{
    /// <summary>The names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["evidence-accumulation", "perceptual-decision", "delayed-match", "context-decision", "parametric-wm"];

    /// <summary>The task called <paramref name="name"/>, seeded with <paramref name="seed"/>, time step <paramref name="dt"/> (ms).</summary>
    public static CognitiveTask Create(string name, ulong seed, double dt = 1.0) => name switch
    {
        "evidence-accumulation" => new EvidenceAccumulation(seed, dt),
        "perceptual-decision" => new PerceptualDecision(seed, dt),
        "delayed-match" => new DelayedMatchToSample(seed, dt),
        "context-decision" => new ContextDecision(seed, dt),
        "parametric-wm" => new ParametricWorkingMemory(seed, dt),
        _ => throw new ArgumentException($"TaskCatalog: unknown task '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
