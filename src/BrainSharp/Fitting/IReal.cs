namespace BrainSharp.Fitting;

/// <summary>
/// The arithmetic a fit model's equations are written in. A model writes its update once, generic over
/// <typeparamref name="T"/>; run with <see cref="Real"/> it is a plain float64 simulation (used by the
/// gradient-free optimizers), run with <see cref="Dual8"/> it carries exact forward-mode derivatives with
/// respect to up to eight parameters through every step. One definition, two uses: the gradient and the
/// value can never disagree about the model.
/// </summary>
public interface IReal<T> where T : struct, IReal<T>
{
    /// <summary>The value (the derivative part is dropped).</summary>
    double Value { get; }

    /// <summary>A constant (zero derivative).</summary>
    static abstract T Constant(double c);

    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
    static abstract T operator -(T a);
    static abstract T operator +(T a, double b);
    static abstract T operator -(T a, double b);
    static abstract T operator +(double a, T b);
    static abstract T operator -(double a, T b);
    static abstract T operator *(T a, double b);
    static abstract T operator *(double a, T b);
    static abstract T operator /(T a, double b);
    static abstract T operator /(double a, T b);

    /// <summary>e^x.</summary>
    static abstract T Exp(T x);

    /// <summary>x / (e^x - 1) evaluated stably near 0 (Brian2's 1/exprel), the form of HH rate functions.</summary>
    static abstract T XOverExpm1(T x);
}
