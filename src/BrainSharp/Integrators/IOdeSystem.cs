namespace BrainSharp.Integrators;

/// <summary>
/// A system of ordinary differential equations dy/dt = f(t, y) of fixed dimension. Implement it on a struct and pass it
/// by <c>ref</c> to the integrators: they are generic over the system type, so the JIT specializes and inlines the
/// right-hand side (the TensorPrimitives operator pattern), and one method serves a float64 solve of a small system and
/// the per-neuron update inside a float32 neuron group alike.
/// </summary>
public interface IOdeSystem
{
    /// <summary>Number of state variables.</summary>
    int Dimension { get; }

    /// <summary>Writes f(t, y) into <paramref name="dydt"/>; t in ms, derivatives per ms. Must not allocate.</summary>
    void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt);
}
