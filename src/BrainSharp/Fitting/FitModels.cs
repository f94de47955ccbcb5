using BrainSharp.Neurons;

namespace BrainSharp.Fitting;

/// <summary>The neuron models that <c>brainsharp fit</c> can fit, by name.</summary>
public static class FitModels
{
    /// <summary>All fit models.</summary>
    public static IReadOnlyList<TraceModel> All { get; } =
    [
        new TraubMilesTraceModel(), new AdExTraceModel(),
        new GlifTraceModel(GlifLevel.Lif), new GlifTraceModel(GlifLevel.LifR), new GlifTraceModel(GlifLevel.LifAsc),
        new GlifTraceModel(GlifLevel.LifRAsc), new GlifTraceModel(GlifLevel.LifRAscA),
        new GifTraceModel(), new IzhikevichTraceModel(),
    ];

    /// <summary>The model called <paramref name="name"/>; throws listing the known names.</summary>
    public static TraceModel Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown fit model '{name}' (known: {string.Join(", ", All.Select(m => m.Name))}).");
}
