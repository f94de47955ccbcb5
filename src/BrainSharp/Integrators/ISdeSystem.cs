namespace BrainSharp.Integrators;

/// <summary>
/// An Itô stochastic differential equation with diagonal noise, dy_i = f_i(t, y) dt + g_i(t, y) dW_i, each W_i an
/// independent Wiener process (time in ms, so dW has variance dt in ms). The drift is <see cref="IOdeSystem.Derivatives"/>.
/// </summary>
public interface ISdeSystem : IOdeSystem
{
    /// <summary>Writes the diffusion coefficients g_i(t, y) (y's unit per sqrt(ms)).</summary>
    void Diffusion(double t, ReadOnlySpan<double> y, Span<double> g);

    /// <summary>Writes dg_i/dy_i, the derivative of each diffusion coefficient by its own variable (Milstein's correction;
    /// the scheme assumes g_i depends on y only through y_i, i.e. diagonal commutative noise). Zero for additive noise.</summary>
    void DiffusionDerivative(double t, ReadOnlySpan<double> y, Span<double> dg);
}
