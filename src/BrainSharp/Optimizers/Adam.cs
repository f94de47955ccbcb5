using System.Numerics;
using System.Runtime.InteropServices;

namespace BrainSharp.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, "Adam: A method for stochastic optimization", ICLR), exactly as torch.optim.Adam,
/// with optional AMSGrad (Reddi et al. 2018) and L2 weight decay added to the gradient. At step t:
/// <code>
/// g ← g + λ·θ                          (weight decay λ; AdamW instead decays θ directly)
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²
/// v̂max ← max(v̂max, v)                  (AMSGrad only; then v̂max replaces v below)
/// θ ← θ − (γ / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
/// </code>
/// State: "exp_avg" (m), "exp_avg_sq" (v) and, with AMSGrad, "max_exp_avg_sq" per parameter.
/// </summary>
public class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Decay β1 of the first-moment average, in [0, 1).</summary>
    public double Beta1 { get; }
    /// <summary>Decay β2 of the second-moment average, in [0, 1).</summary>
    public double Beta2 { get; }
    /// <summary>ε ≥ 0 added to the denominator.</summary>
    public double Epsilon { get; }
    /// <summary>Weight decay λ ≥ 0 (L2 for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; }
    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool AmsGrad { get; }

    private readonly bool _decoupled;

    /// <param name="learningRate">γ, default 1e-3.</param>
    /// <param name="beta1">β1, default 0.9.</param>
    /// <param name="beta2">β2, default 0.999.</param>
    /// <param name="epsilon">ε, default 1e-8.</param>
    /// <param name="weightDecay">λ, default 0 (L2 added to the gradient).</param>
    /// <param name="amsGrad">AMSGrad variant, default false.</param>
    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0, bool amsGrad = false)
        : this(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: false) { }

    private protected Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool amsGrad, bool decoupled)
        : base(learningRate, amsGrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"])
    {
        CheckRange(nameof(beta1), beta1, 0, 1, openHigh: true);
        CheckRange(nameof(beta2), beta2, 0, 1, openHigh: true);
        CheckRange(nameof(epsilon), epsilon, 0, double.MaxValue);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon; WeightDecay = weightDecay; AmsGrad = amsGrad; _decoupled = decoupled;
    }

    /// <inheritdoc/>
    public override string Name =>
        $"{(_decoupled ? "AdamW" : "Adam")}(lr={F(LearningRate)}, betas=({F(Beta1)}, {F(Beta2)}), eps={F(Epsilon)}, weight_decay={F(WeightDecay)}, amsgrad={AmsGrad})";

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> p, ReadOnlySpan<T> grad)
    {
        double t = StepCount;
        // Bias corrections in double, as PyTorch computes them as Python floats.
        double bc1 = 1 - Math.Pow(Beta1, t), bc2 = 1 - Math.Pow(Beta2, t);
        T stepSize = C(LearningRate / bc1), bc2Sqrt = C(Math.Sqrt(bc2)), eps = C(Epsilon);
        T w1 = C(1 - Beta1), b2 = C(Beta2), w2 = C(1 - Beta2), wd = C(WeightDecay);
        T decay = C(1 - LearningRate * WeightDecay);
        bool l2 = !_decoupled && WeightDecay != 0, decoupled = _decoupled && WeightDecay != 0;
        Span<T> m = Buffer(0, index), v = Buffer(1, index);
        Span<T> vmax = AmsGrad ? Buffer(2, index) : default;
        int j = 0, n = p.Length, width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            // Same operations in the same order as the scalar loop below, so both paths give identical bits.
            ref T pr = ref MemoryMarshal.GetReference(p);
            ref T gr = ref MemoryMarshal.GetReference(grad);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T vr = ref MemoryMarshal.GetReference(v);
            ref T xr = ref MemoryMarshal.GetReference(vmax);
            Vector<T> vStep = new(stepSize), vBc2 = new(bc2Sqrt), vEps = new(eps), vW1 = new(w1), vB2 = new(b2), vW2 = new(w2), vWd = new(wd), vDecay = new(decay);
            for (; j <= n - width; j += width)
            {
                nuint o = (nuint)j;
                Vector<T> pj = Vector.LoadUnsafe(ref pr, o), g = Vector.LoadUnsafe(ref gr, o);
                if (decoupled) pj *= vDecay;
                if (l2) g += vWd * pj;
                Vector<T> mOld = Vector.LoadUnsafe(ref mr, o);
                Vector<T> mj = mOld + vW1 * (g - mOld);
                Vector<T> vj = vB2 * Vector.LoadUnsafe(ref vr, o) + vW2 * g * g;
                mj.StoreUnsafe(ref mr, o);
                vj.StoreUnsafe(ref vr, o);
                if (AmsGrad) { vj = Vector.Max(Vector.LoadUnsafe(ref xr, o), vj); vj.StoreUnsafe(ref xr, o); }
                Vector<T> denom = Vector.SquareRoot(vj) / vBc2 + vEps;
                (pj - vStep * (mj / denom)).StoreUnsafe(ref pr, o);
            }
        }
        for (; j < n; j++)
        {
            T g = grad[j];
            if (decoupled) p[j] *= decay;
            if (l2) g += wd * p[j];
            T mj = m[j] + w1 * (g - m[j]); // torch lerp_(g, 1 - β1)
            T vj = b2 * v[j] + w2 * g * g;
            m[j] = mj; v[j] = vj;
            if (AmsGrad) { vj = T.Max(vmax[j], vj); vmax[j] = vj; }
            T denom = T.Sqrt(vj) / bc2Sqrt + eps;
            p[j] -= stepSize * (mj / denom);
        }
    }
}
