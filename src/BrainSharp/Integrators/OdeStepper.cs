using System.Runtime.CompilerServices;

namespace BrainSharp.Integrators;

/// <summary>
/// Picks a fixed-step method at run time. Neuron models call this per neuron with a struct system, so the method switch
/// is one predictable branch per neuron and the right-hand side is still inlined.
/// </summary>
public static class OdeStepper
{
    /// <summary>Scratch doubles any <see cref="OdeMethod"/> needs for a system of dimension <paramref name="dim"/>.</summary>
    public static int WorkLength(int dim) => 3 * dim;

    /// <summary>Advances <paramref name="y"/> in place from t to t + dt (ms) with <paramref name="method"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<TSys>(OdeMethod method, ref TSys sys, double t, Span<double> y, double dt, Span<double> work)
        where TSys : ILinearSplitSystem
    {
        switch (method)
        {
            case OdeMethod.Euler: Euler.Step(ref sys, t, y, dt, work); break;
            case OdeMethod.Midpoint: Midpoint.Step(ref sys, t, y, dt, work); break;
            case OdeMethod.Heun: Heun.Step(ref sys, t, y, dt, work); break;
            case OdeMethod.RungeKutta4: RungeKutta4.Step(ref sys, t, y, dt, work); break;
            case OdeMethod.ExponentialEuler: ExponentialEuler.Step(ref sys, t, y, dt, work); break;
            default: throw new ArgumentOutOfRangeException(nameof(method), method, "OdeStepper: unknown method.");
        }
    }

    /// <summary>Throws unless <paramref name="method"/> is a defined <see cref="OdeMethod"/>; models call it at construction.</summary>
    public static void Validate(string model, OdeMethod method)
    {
        if (!Enum.IsDefined(method))
            throw new ArgumentOutOfRangeException(nameof(method), method, $"{model}: unknown integration method '{method}'.");
    }
}
