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

    /// <summary>A smooth function whose derivative is <see cref="Derivative"/>, where one exists in closed form (for gradient checks); NaN otherwise.</summary>
    double Primitive(double x);
}
