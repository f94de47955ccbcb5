using System.Numerics;
using System.Runtime.InteropServices;

namespace BrainSharp.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, exactly as
/// torch.optim.SGD (Sutskever et al. 2013 momentum form):
/// <code>
/// g ← g + λ·θ                                   (weight decay λ)
/// b ← g                       on the first step   (momentum μ &gt; 0)
/// b ← μ·b + (1 − τ)·g         afterwards          (dampening τ)
/// g ← g + μ·b   if Nesterov, else g ← b
/// θ ← θ − γ·g                                   (learning rate γ)
/// </code>
/// State: "momentum_buffer" (b) per parameter.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Momentum factor μ in [0, 1].</summary>
    public double Momentum { get; }
    /// <summary>Dampening τ of the momentum in [0, 1].</summary>
    public double Dampening { get; }
    /// <summary>L2 penalty λ ≥ 0 added to the gradient.</summary>
    public double WeightDecay { get; }
    /// <summary>Whether to use Nesterov momentum (needs μ &gt; 0 and τ = 0).</summary>
    public bool Nesterov { get; }

    /// <param name="learningRate">γ.</param>
    /// <param name="momentum">μ, default 0 (plain SGD).</param>
    /// <param name="dampening">τ, default 0.</param>
    /// <param name="weightDecay">λ, default 0.</param>
    /// <param name="nesterov">Nesterov momentum, default false.</param>
    public Sgd(double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(learningRate, "momentum_buffer")
    {
        CheckRange(nameof(momentum), momentum, 0, 1);
        CheckRange(nameof(dampening), dampening, 0, 1);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException($"Sgd: Nesterov momentum needs momentum > 0 and dampening = 0, got momentum={momentum}, dampening={dampening}.", nameof(nesterov));
        Momentum = momentum; Dampening = dampening; WeightDecay = weightDecay; Nesterov = nesterov;
    }

    /// <inheritdoc/>
    public override string Name => $"Sgd(lr={F(LearningRate)}, momentum={F(Momentum)}, dampening={F(Dampening)}, weight_decay={F(WeightDecay)}, nesterov={Nesterov})";

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> p, ReadOnlySpan<T> grad)
    {
        T lr = C(LearningRate), wd = C(WeightDecay), mu = C(Momentum), oneMinusDamp = C(1 - Dampening);
        bool useWd = WeightDecay != 0, useMom = Momentum != 0, first = StepCount == 1;
        Span<T> buf = Buffer(0, index);
        int j = 0, n = p.Length, width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            // Same operations in the same order as the scalar loop below, so both paths give identical bits.
            ref T pr = ref MemoryMarshal.GetReference(p);
            ref T gr = ref MemoryMarshal.GetReference(grad);
            ref T br = ref MemoryMarshal.GetReference(buf);
            Vector<T> vLr = new(lr), vWd = new(wd), vMu = new(mu), vDamp = new(oneMinusDamp);
            for (; j <= n - width; j += width)
            {
                nuint o = (nuint)j;
                Vector<T> pj = Vector.LoadUnsafe(ref pr, o), g = Vector.LoadUnsafe(ref gr, o);
                if (useWd) g += vWd * pj;
                if (useMom)
                {
                    Vector<T> b = first ? g : vMu * Vector.LoadUnsafe(ref br, o) + vDamp * g;
                    b.StoreUnsafe(ref br, o);
                    g = Nesterov ? g + vMu * b : b;
                }
                (pj - vLr * g).StoreUnsafe(ref pr, o);
            }
        }
        for (; j < n; j++)
        {
            T g = grad[j];
            if (useWd) g += wd * p[j];
            if (useMom)
            {
                T b = first ? g : mu * buf[j] + oneMinusDamp * g;
                buf[j] = b;
                g = Nesterov ? g + mu * b : b;
            }
            p[j] -= lr * g;
        }
    }
}
