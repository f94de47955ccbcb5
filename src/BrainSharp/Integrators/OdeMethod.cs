namespace BrainSharp.Integrators;

/// <summary>Fixed-step ODE methods a model can be told to use (see <see cref="OdeStepper"/>).</summary>
public enum OdeMethod
{
    /// <summary>Forward Euler, order 1 (Brian2 "euler").</summary>
    Euler,
    /// <summary>Explicit midpoint rule, order 2 (Brian2 "rk2").</summary>
    Midpoint,
    /// <summary>Heun's method (explicit trapezoid), order 2.</summary>
    Heun,
    /// <summary>Classical Runge-Kutta, order 4 (Brian2 "rk4").</summary>
    RungeKutta4,
    /// <summary>Exponential Euler on the conditionally linear split (Brian2 "exponential_euler"); needs <see cref="ILinearSplitSystem"/>.</summary>
    ExponentialEuler,
}
