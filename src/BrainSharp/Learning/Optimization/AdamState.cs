using System.Numerics;
using BrainSharp.Learning.Layers;

namespace BrainSharp.Learning.Optimization;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) over a list of <see cref="TrainableParameter{T}"/>, with bias correction:
/// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr * m_hat / (sqrt(v_hat) + eps).
/// Kept inside Learning so the trainer's checkpoint can save its moments; the state is plain arrays.
/// </summary>
public sealed class AdamState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Learning rate (units of the parameter per step).</summary>
    public double LearningRate { get; set; }
    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }
    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }
    /// <summary>Denominator offset.</summary>
    public double Epsilon { get; }
    /// <summary>Number of steps taken.</summary>
    public long Step { get; set; }
    /// <summary>First moments, one array per parameter.</summary>
    public T[][] M { get; }
    /// <summary>Second moments, one array per parameter.</summary>
    public T[][] V { get; }

    private readonly IReadOnlyList<TrainableParameter<T>> _params;

    /// <summary>Creates zero moments for <paramref name="parameters"/>.</summary>
    public AdamState(IReadOnlyList<TrainableParameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Adam: learning rate must be positive.");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Adam: beta1 must lie in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Adam: beta2 must lie in [0, 1).");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Adam: epsilon must be positive.");
        _params = parameters; LearningRate = learningRate; Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
        M = new T[parameters.Count][]; V = new T[parameters.Count][];
        for (int i = 0; i < parameters.Count; i++) { M[i] = new T[parameters[i].Value.Length]; V[i] = new T[parameters[i].Value.Length]; }
    }

    /// <summary>One update from the parameters' current gradients.</summary>
    public void Update()
    {
        Step++;
        T b1 = T.CreateTruncating(Beta1), b2 = T.CreateTruncating(Beta2);
        T c1 = T.One - b1, c2 = T.One - b2;
        T lrT = T.CreateTruncating(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, Step)) / (1 - Math.Pow(Beta1, Step)));
        // eps is scaled like PyTorch's (added to sqrt(v_hat)), folded into the bias-corrected step size.
        T epsHat = T.CreateTruncating(Epsilon * Math.Sqrt(1 - Math.Pow(Beta2, Step)));
        for (int p = 0; p < _params.Count; p++)
        {
            T[] w = _params[p].Value, g = _params[p].Grad, m = M[p], v = V[p];
            for (int k = 0; k < w.Length; k++)
            {
                T gk = g[k];
                T mk = b1 * m[k] + c1 * gk, vk = b2 * v[k] + c2 * gk * gk;
                m[k] = mk; v[k] = vk;
                w[k] -= lrT * mk / (T.Sqrt(vk) + epsHat);
            }
        }
    }
}
