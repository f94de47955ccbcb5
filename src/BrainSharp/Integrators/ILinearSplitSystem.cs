namespace BrainSharp.Integrators;

/// <summary>
/// An ODE system whose right-hand side the model writes, per variable, as dy_i/dt = A_i(y) + B_i(y) y_i, with A_i and B_i
/// not depending on y_i itself (conditionally linear, as for Hodgkin-Huxley gates and conductance-based membranes).
/// This is what <see cref="ExponentialEuler"/> needs: with A and B frozen at the start of the step the update
/// y_i(t+dt) = y_inf + (y_i - y_inf) exp(B_i dt), y_inf = -A_i/B_i, is exact for the linear part.
/// </summary>
public interface ILinearSplitSystem : IOdeSystem
{
    /// <summary>Writes the coefficients A (per ms, in y's unit) and B (per ms) of dy_i/dt = A_i + B_i y_i at (t, y).</summary>
    void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b);
}
