using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// A constrained parameter x expressed through an unconstrained one u, x = f(u), so an optimizer can move u freely
/// while x stays feasible (e.g. a time constant stays positive). The optimizer holds u; the model reads f(u);
/// the gradient with respect to u is f'(u) times the gradient with respect to x.
/// </summary>
public interface IReparameterization
{
    /// <summary>Name for summaries, e.g. "LogisticBounded[0, 1]".</summary>
    string Name { get; }

    /// <summary>x = f(u): the constrained value of an unconstrained u.</summary>
    double Forward(double u);

    /// <summary>u = f⁻¹(x); throws naming the value when x lies outside the feasible set.</summary>
    double Inverse(double x);

    /// <summary>dx/du = f'(u).</summary>
    double Derivative(double u);

    /// <summary>x[i] = f(u[i]) for every element.</summary>
    void Forward<T>(ReadOnlySpan<T> u, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Chain rule: gradU[i] = f'(u[i]) · gradX[i].</summary>
    void Backward<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> gradX, Span<T> gradU) where T : unmanaged, IFloatingPointIeee754<T>;
}
