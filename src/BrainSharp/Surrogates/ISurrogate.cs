namespace BrainSharp.Surrogates;

/// <summary>
/// A surrogate spike function: the forward pass is the Heaviside step H(x) = 1 if x &gt; 0 else 0
/// (x = v - threshold, possibly scaled); the backward pass uses a smooth pseudo-derivative.
/// Each implementation cites its formula and source in its doc comment.
/// </summary>
public interface ISurrogate
{
    /// <summary>Name for summaries, e.g. "Sigmoid(alpha=4)".</summary>
    string Name { get; }

    /// <summary>The pseudo-derivative dH/dx used in the backward pass.</summary>
    double Derivative(double x);

    /// <summary>A smooth function whose derivative is <see cref="Derivative(double)"/>, where one exists in closed form (for gradient checks); NaN otherwise.</summary>
    double Primitive(double x);

    /// <summary>destination[i] = Derivative(x[i]). Built-in surrogates override this with an inlined loop (no call per element).</summary>
    void Derivative(ReadOnlySpan<double> x, Span<double> destination)
    {
        SurrogateKernel.CheckLengths(Name, x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++) destination[i] = Derivative(x[i]);
    }

    /// <summary>destination[i] = Derivative(x[i]) in float.</summary>
    void Derivative(ReadOnlySpan<float> x, Span<float> destination)
    {
        SurrogateKernel.CheckLengths(Name, x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++) destination[i] = (float)Derivative(x[i]);
    }

    /// <summary>Backward through the spike: gradInput[i] = gradOutput[i] · Derivative(x[i]). gradInput may alias gradOutput.</summary>
    void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput)
    {
        SurrogateKernel.CheckLengths(Name, x.Length, gradOutput.Length, gradInput.Length);
        for (int i = 0; i < x.Length; i++) gradInput[i] = gradOutput[i] * Derivative(x[i]);
    }

    /// <summary>Backward through the spike in float: gradInput[i] = gradOutput[i] · Derivative(x[i]).</summary>
    void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
    {
        SurrogateKernel.CheckLengths(Name, x.Length, gradOutput.Length, gradInput.Length);
        for (int i = 0; i < x.Length; i++) gradInput[i] = gradOutput[i] * (float)Derivative(x[i]);
    }
}
