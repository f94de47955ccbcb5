namespace BrainSharp.Integrators;

/// <summary>
/// An ODE system whose right-hand side the model writes, per variable, as dy_i/dt = A_i(y) + B_i(y) y_i. Where f_i is
/// linear in y_i (Hodgkin-Huxley gates, conductance-based membranes) B_i is its coefficient and A_i the rest, as in
/// Brian2's exponential_euler; otherwise the model linearizes, B_i = df_i/dy_i and A_i = f_i - B_i y_i at the current
/// state, as BrainPy's exp_auto does. This is what <see cref="ExponentialEuler"/> needs: with A and B frozen at the start
/// of the step the update y_i(t+dt) = y_inf + (y_i - y_inf) exp(B_i dt), y_inf = -A_i/B_i, is exact for the linear part.
/// </summary>
public interface ILinearSplitSystem : IOdeSystem
{
    /// <summary>Writes the coefficients A (per ms, in y's unit) and B (per ms) of dy_i/dt = A_i + B_i y_i at (t, y).</summary>
    void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b);
}
