namespace BrainSharp.Fitting;

/// <summary>The neuron models that <c>brainsharp fit</c> can fit, by name.</summary>
public static class FitModels
{
    /// <summary>All fit models.</summary>
    public static IReadOnlyList<TraceModel> All { get; } = [new TraubMilesTraceModel(), new AdExTraceModel()];

    /// <summary>The model called <paramref name="name"/>; throws listing the known names.</summary>
    public static TraceModel Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown fit model '{name}' (known: {string.Join(", ", All.Select(m => m.Name))}).");
}
