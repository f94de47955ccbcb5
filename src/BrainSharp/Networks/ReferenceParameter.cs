namespace BrainSharp.Networks;

/// <summary>A settable parameter of a <see cref="ReferenceNetwork"/>: name, unit, default, one-line description and the allowed range (inclusive).</summary>
/// <param name="Name">Name used by <see cref="ReferenceNetwork.Set(string, double)"/> and the CLI's <c>--set name=value</c>.</param>
/// <param name="Unit">Unit, e.g. "ms", "mV", "nS", "pA", "1".</param>
/// <param name="Default">Default value (in <paramref name="Unit"/>).</param>
/// <param name="Description">One line for help output.</param>
/// <param name="Min">Smallest allowed value.</param>
/// <param name="Max">Largest allowed value.</param>
public sealed record ReferenceParameter(string Name, string Unit, double Default, string Description,
                                        double Min = double.NegativeInfinity, double Max = double.PositiveInfinity);
