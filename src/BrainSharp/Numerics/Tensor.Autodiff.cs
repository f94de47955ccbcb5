using System.Numerics;
using BrainSharp.Autodiff;

namespace BrainSharp.Numerics;

// Autodiff state of a tensor. A tensor is "tracked" when it is a leaf with RequiresGrad or the output
// of a recorded node. Parameters in a training loop are leaves: set RequiresGrad once, call
// loss.Backward() each iteration, read and clear Grad (or use Autograd.Grad, which returns gradients
// and leaves the parameters untouched).
public sealed partial class Tensor<T>
{
    private bool _requiresGrad;

    /// <summary>The node that produced this tensor, or null for a leaf / untracked tensor.</summary>
    internal TapeNode<T>? Node { get; private set; }

    /// <summary>Which output of <see cref="Node"/> this tensor is.</summary>
    internal int OutputIndex { get; private set; }

    /// <summary>Operation that produced this tensor on the tape, or null.</summary>
    public string? GradOp => Node?.Op;

    /// <summary>Leaf flag: operations on this tensor are recorded and <see cref="Backward"/> accumulates into <see cref="Grad"/>.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (Node is not null)
                throw new InvalidOperationException($"RequiresGrad: only leaf tensors can be marked; this {this} was produced by {Node.Op}. Use Detach() first.");
            _requiresGrad = value;
        }
    }

    /// <summary>True when operations on this tensor are recorded (a leaf with RequiresGrad or a recorded result).</summary>
    public bool IsTracked => _requiresGrad || Node is not null;

    /// <summary>Gradient accumulated by <see cref="Backward"/> for a leaf with <see cref="RequiresGrad"/>; null until then.</summary>
    public Tensor<T>? Grad { get; set; }

    /// <summary>Marks this leaf as requiring gradients and returns it (fluent form).</summary>
    public Tensor<T> WithGrad() { RequiresGrad = true; return this; }

    /// <summary>A new untracked tensor sharing this storage.</summary>
    public Tensor<T> Detach() => new(Data, Shape);

    /// <summary>Clears <see cref="Grad"/>.</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>
    /// Reverse pass from this tensor: adds d(this)/d(leaf) (times <paramref name="seed"/>, default 1 for a one-element tensor)
    /// into <see cref="Grad"/> of every reachable leaf with <see cref="RequiresGrad"/>. The graph is kept, so it may be run again.
    /// </summary>
    public void Backward(Tensor<T>? seed = null)
    {
        if (seed is null)
        {
            if (Size != 1) throw new InvalidOperationException($"Backward: output of shape {ShapeUtil.Format(Shape)} is not a scalar; pass a seed gradient.");
            seed = Full(T.One, Shape);
        }
        if (!IsTracked) return;
        var grads = Backprop<T>.Run([this], [seed], 0);
        foreach (var (leaf, g) in grads)
            if (leaf.RequiresGrad) leaf.Grad = leaf.Grad is null ? g : leaf.Grad.AddNoGrad(g);
    }

    private Tensor<T> AddNoGrad(Tensor<T> g) { using var _ = GradMode.NoGrad(); return this + g; }

    internal void AttachNode(TapeNode<T> node, int index) { Node = node; OutputIndex = index; }

    // ---- recording helpers used by every operation (the single place for tape, capture and finite checks) ----

    /// <summary>Records y = op(x).</summary>
    internal static Tensor<T> Record(string op, Tensor<T> y, Tensor<T> x, Func<Tensor<T>, Tensor<T>> vjp)
    {
        if (GradMode.CheckFinite) NonFinite.Check(op, y, [x]);
        if (x.IsTracked)
        {
            Capture(x);
            if (GradMode.Enabled) y.AttachNode(new TapeNode<T>(op, [x], [y.Shape], u => [vjp(u[0])]), 0);
        }
        return y;
    }

    /// <summary>Records y = op(a, b); each VJP runs only if its input is tracked.</summary>
    internal static Tensor<T> Record(string op, Tensor<T> y, Tensor<T> a, Tensor<T> b, Func<Tensor<T>, Tensor<T>> vjpA, Func<Tensor<T>, Tensor<T>> vjpB)
    {
        if (GradMode.CheckFinite) NonFinite.Check(op, y, [a, b]);
        if (a.IsTracked || b.IsTracked)
        {
            Capture(a); Capture(b);
            if (GradMode.Enabled)
                y.AttachNode(new TapeNode<T>(op, [a, b], [y.Shape], u => [a.IsTracked ? vjpA(u[0]) : null, b.IsTracked ? vjpB(u[0]) : null]), 0);
        }
        return y;
    }

    /// <summary>Records outputs = op(inputs) with a VJP from upstream gradients (one per output) to input gradients.</summary>
    internal static Tensor<T>[] Record(string op, Tensor<T>[] outputs, Tensor<T>[] inputs, Func<Tensor<T>[], Tensor<T>?[]> vjp)
    {
        if (GradMode.CheckFinite) foreach (var y in outputs) NonFinite.Check(op, y, inputs);
        bool any = false;
        foreach (var x in inputs) if (x.IsTracked) { any = true; Capture(x); }
        if (any && GradMode.Enabled)
        {
            var shapes = new int[outputs.Length][];
            for (int i = 0; i < outputs.Length; i++) shapes[i] = outputs[i].Shape;
            var node = new TapeNode<T>(op, inputs, shapes, vjp);
            for (int i = 0; i < outputs.Length; i++) outputs[i].AttachNode(node, i);
        }
        return outputs;
    }

    /// <summary>Checks a non-differentiable result in non-finite mode.</summary>
    internal static Tensor<T> NoRecord(string op, Tensor<T> y, params ReadOnlySpan<Tensor<T>> inputs)
    {
        if (GradMode.CheckFinite) NonFinite.Check(op, y, inputs);
        return y;
    }

    private static void Capture(Tensor<T> x)
    {
        if (x.IsTracked && GradMode.CaptureSinks is { } sinks)
            foreach (var s in sinks) s.Add(x);
    }
}
