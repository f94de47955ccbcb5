using System.Numerics;
using BrainSharp.Numerics;

namespace BrainSharp.Autodiff;

/// <summary>
/// Reverse-mode automatic differentiation over the tape that tensor operations record.
/// Functional API (JAX-like): <see cref="Grad{T}(Func{Tensor{T}[], Tensor{T}}, Tensor{T}[])"/>, <see cref="ValueAndGrad{T}"/>,
/// <see cref="Jacobian{T}"/>. Stateful API (PyTorch-like): mark parameters with <c>RequiresGrad</c>, call
/// <c>loss.Backward()</c>, read <c>param.Grad</c>. Extension points: <see cref="CustomOp{T}(string, Tensor{T}[], Func{Tensor{T}[], Tensor{T}[]}, CustomVjp{T})"/>
/// (one tape node for a fused kernel) and <see cref="Checkpoint{T}(Func{Tensor{T}[], Tensor{T}[]}, Tensor{T}[])"/> (recompute a segment in the backward pass).
/// </summary>
public static class Autograd
{
    /// <summary>Operations inside the scope are not recorded (e.g. optimizer updates, evaluation).</summary>
    public static IDisposable NoGrad() => new ScopeBox(GradMode.NoGrad());

    /// <summary>Operations inside the scope are recorded even within an outer <see cref="NoGrad"/> scope.</summary>
    public static IDisposable EnableGrad() => new ScopeBox(GradMode.EnableGrad());

    /// <summary>True when operations on tracked tensors are currently recorded on this thread.</summary>
    public static bool IsGradEnabled => GradMode.Enabled;

    /// <summary>
    /// Within the scope every operation's result (and every gradient in a backward pass) is scanned;
    /// the first NaN or infinity throws <see cref="NonFiniteValueException"/> naming the operation. Costs one pass per op.
    /// </summary>
    public static IDisposable DetectNonFinite() => new FiniteBox(GradMode.CheckFiniteScope());

    /// <summary>Gradients of a scalar function with respect to each input (inputs are not modified or marked).</summary>
    public static Tensor<T>[] Grad<T>(Func<Tensor<T>[], Tensor<T>> f, params Tensor<T>[] inputs) where T : unmanaged, IFloatingPointIeee754<T>
        => ValueAndGrad(f, inputs).Gradients;

    /// <summary>The value of a scalar function and its gradient with respect to each input.</summary>
    public static (Tensor<T> Value, Tensor<T>[] Gradients) ValueAndGrad<T>(Func<Tensor<T>[], Tensor<T>> f, params Tensor<T>[] inputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var leaves = MakeLeaves(inputs);
        Tensor<T> y;
        using (GradMode.EnableGrad()) y = f(leaves);
        if (y.Size != 1)
            throw new ArgumentException($"Grad: the function must return a one-element tensor, got shape {ShapeUtil.Format(y.Shape)}; use Jacobian for vector functions.");
        var grads = Backprop<T>.Run([y], [Tensor<T>.Full(T.One, y.Shape)], 0);
        return (y.Detach(), Collect(leaves, grads));
    }

    /// <summary>
    /// Jacobian of f at x, shaped f(x).Shape ++ x.Shape: J[i..., j...] = d f(x)[i...] / d x[j...].
    /// One forward pass, one reverse pass per output element.
    /// </summary>
    public static Tensor<T> Jacobian<T>(Func<Tensor<T>, Tensor<T>> f, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var leaf = MakeLeaves([x])[0];
        Tensor<T> y;
        using (GradMode.EnableGrad()) y = f(leaf);
        var jac = new T[(long)y.Size * x.Size];
        var seed = new Tensor<T>(y.Shape);
        for (int i = 0; i < y.Size; i++)
        {
            seed.Data[i] = T.One;
            var g = y.IsTracked ? Backprop<T>.Run([y], [seed], 0) : [];
            if (g.TryGetValue(leaf, out var gi)) gi.Data.CopyTo(jac, (long)i * x.Size);
            seed.Data[i] = T.Zero;
        }
        return new Tensor<T>(jac, [.. y.Shape, .. x.Shape]);
    }

    /// <summary>
    /// A differentiable operation defined by its forward (run without recording) and its VJP: records ONE tape node,
    /// however many kernels the forward uses. Use it for fused neuron steps. Returns the forward's outputs.
    /// </summary>
    public static Tensor<T>[] CustomOp<T>(string name, Tensor<T>[] inputs, Func<Tensor<T>[], Tensor<T>[]> forward, CustomVjp<T> vjp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        inputs = (Tensor<T>[])inputs.Clone();   // the VJP must see these inputs even if the caller reuses its array
        Tensor<T>[] raw;
        using (GradMode.NoGrad()) raw = forward(inputs);
        // Fresh tensor objects (sharing storage) so a forward that returns an input cannot re-label it.
        var outs = new Tensor<T>[raw.Length];
        for (int i = 0; i < raw.Length; i++) outs[i] = raw[i].Detach();
        return Tensor<T>.Record(name, outs, inputs, up => vjp(inputs, outs, up));
    }

    /// <summary>Single-output form of <see cref="CustomOp{T}(string, Tensor{T}[], Func{Tensor{T}[], Tensor{T}[]}, CustomVjp{T})"/>: vjp(inputs, output, upstream).</summary>
    public static Tensor<T> CustomOp<T>(string name, Tensor<T>[] inputs, Func<Tensor<T>[], Tensor<T>> forward,
        Func<Tensor<T>[], Tensor<T>, Tensor<T>, Tensor<T>?[]> vjp) where T : unmanaged, IFloatingPointIeee754<T>
        => CustomOp(name, inputs, xs => [forward(xs)], (xs, ys, us) => vjp(xs, ys[0], us[0]))[0];

    /// <summary>
    /// Gradient checkpointing: runs <paramref name="segment"/> without keeping its intermediates and records one node
    /// whose VJP re-runs the segment (with recording on) and back-propagates through that copy. Tracked tensors the
    /// segment reads, whether passed as inputs or captured by the closure (e.g. weights), all receive gradients.
    /// The segment must be deterministic (use counter-based random streams keyed by step).
    /// </summary>
    public static Tensor<T>[] Checkpoint<T>(Func<Tensor<T>[], Tensor<T>[]> segment, params Tensor<T>[] inputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(inputs);
        if (!GradMode.Enabled) return segment(inputs);
        inputs = (Tensor<T>[])inputs.Clone();   // recomputation must use these inputs even if the caller reuses its array
        var sink = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var x in inputs) if (x.IsTracked) sink.Add(x);
        Tensor<T>[] raw;
        GradMode.PushSink(sink);
        try { using (GradMode.NoGrad()) raw = segment(inputs); }
        finally { GradMode.PopSink(); }
        var outs = new Tensor<T>[raw.Length];
        for (int i = 0; i < raw.Length; i++) outs[i] = raw[i].Detach();
        if (sink.Count == 0) return outs;
        var read = new Tensor<T>[sink.Count];
        int k = 0;
        foreach (var o in sink) read[k++] = (Tensor<T>)o;
        return Tensor<T>.Record("Checkpoint", outs, read, upstream =>
        {
            long start = TapeNode<T>.PeekNextId();
            Tensor<T>[] again;
            int depth = GradMode.SuspendBackward();
            try { using (GradMode.EnableGrad()) again = segment(inputs); }
            finally { GradMode.ResumeBackward(depth); }
            if (again.Length != upstream.Length)
                throw new InvalidOperationException($"Checkpoint: the segment returned {again.Length} outputs on recomputation, {upstream.Length} before; it must be deterministic.");
            var grads = Backprop<T>.Run(again, upstream, start);
            var result = new Tensor<T>?[read.Length];
            for (int i = 0; i < read.Length; i++) result[i] = grads.GetValueOrDefault(read[i]);
            return result;
        });
    }

    /// <summary>Single-output form of <see cref="Checkpoint{T}(Func{Tensor{T}[], Tensor{T}[]}, Tensor{T}[])"/>.</summary>
    public static Tensor<T> Checkpoint<T>(Func<Tensor<T>[], Tensor<T>> segment, params Tensor<T>[] inputs)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Checkpoint(xs => [segment(xs)], inputs)[0];

    private static Tensor<T>[] MakeLeaves<T>(Tensor<T>[] inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var leaves = new Tensor<T>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(inputs[i], $"inputs[{i}]");
            leaves[i] = inputs[i].Detach();
            leaves[i].RequiresGrad = true;
        }
        return leaves;
    }

    private static Tensor<T>[] Collect<T>(Tensor<T>[] leaves, Dictionary<Tensor<T>, Tensor<T>> grads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Tensor<T>[leaves.Length];
        for (int i = 0; i < leaves.Length; i++)
            result[i] = grads.TryGetValue(leaves[i], out var g) ? g : new Tensor<T>(leaves[i].Shape);
        return result;
    }

    private sealed class ScopeBox(GradMode.Scope scope) : IDisposable
    {
        private bool _done;
        public void Dispose() { if (!_done) { _done = true; scope.Dispose(); } }
    }

    private sealed class FiniteBox(GradMode.FiniteScope scope) : IDisposable
    {
        private bool _done;
        public void Dispose() { if (!_done) { _done = true; scope.Dispose(); } }
    }
}
