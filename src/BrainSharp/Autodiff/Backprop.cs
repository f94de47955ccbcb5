using System.Numerics;
using BrainSharp.Numerics;

namespace BrainSharp.Autodiff;

/// <summary>
/// The reverse sweep. Collects the nodes reachable from the outputs (iteratively: BPTT graphs are
/// thousands of nodes deep), visits them in descending id order and hands each node's upstream
/// gradients to its VJP. Tensors produced by nodes older than <c>minId</c> and leaves are "boundary"
/// tensors: their gradients are returned instead of propagated. minId = 0 is a full backward pass;
/// a checkpoint's recomputation uses the id at which it started, so it stops at the tensors the
/// segment read from outside.
/// </summary>
internal static class Backprop<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Dictionary<Tensor<T>, Tensor<T>> Run(IReadOnlyList<Tensor<T>> outputs, IReadOnlyList<Tensor<T>> seeds, long minId)
    {
        var boundary = new Dictionary<Tensor<T>, Tensor<T>>(ReferenceEqualityComparer.Instance);
        var pending = new Dictionary<TapeNode<T>, Tensor<T>?[]>(ReferenceEqualityComparer.Instance);
        using var _ = GradMode.NoGrad();
        using var __ = GradMode.Backward();

        var stack = new Stack<TapeNode<T>>();
        for (int i = 0; i < outputs.Count; i++)
        {
            Tensor<T> y = outputs[i], s = seeds[i];
            if (!y.Shape.AsSpan().SequenceEqual(s.Shape))
                throw new ArgumentException($"Backward: seed gradient of shape {ShapeUtil.Format(s.Shape)} for an output of shape {ShapeUtil.Format(y.Shape)}.");
            Accumulate(y, s, minId, pending, boundary);
            if (IsInternal(y, minId)) stack.Push(y.Node!);
        }

        var visited = new HashSet<TapeNode<T>>(ReferenceEqualityComparer.Instance);
        var order = new List<TapeNode<T>>();
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!visited.Add(node)) continue;
            order.Add(node);
            foreach (var x in node.Inputs)
                if (IsInternal(x, minId) && !visited.Contains(x.Node!)) stack.Push(x.Node!);
        }
        order.Sort((a, b) => b.Id.CompareTo(a.Id));

        foreach (var node in order)
        {
            if (!pending.Remove(node, out var ups)) continue;
            var upstream = new Tensor<T>[ups.Length];
            for (int k = 0; k < ups.Length; k++) upstream[k] = ups[k] ?? new Tensor<T>(node.OutputShapes[k]);
            var grads = node.Vjp(upstream);
            if (grads.Length != node.Inputs.Length)
                throw new InvalidOperationException($"Backward of {node.Op}: the VJP returned {grads.Length} gradients for {node.Inputs.Length} inputs.");
            for (int k = 0; k < grads.Length; k++)
            {
                var g = grads[k];
                var x = node.Inputs[k];
                if (g is null || !x.IsTracked) continue;
                if (!g.Shape.AsSpan().SequenceEqual(x.Shape))
                    throw new InvalidOperationException($"Backward of {node.Op}: gradient for input {k} has shape {ShapeUtil.Format(g.Shape)}, expected {ShapeUtil.Format(x.Shape)}.");
                if (GradMode.CheckFiniteInBackward) NonFinite.Check("backward of " + node.Op, g, upstream);
                Accumulate(x, g, minId, pending, boundary);
            }
        }
        return boundary;
    }

    private static bool IsInternal(Tensor<T> t, long minId) => t.Node is { } n && n.Id >= minId;

    private static void Accumulate(Tensor<T> t, Tensor<T> g, long minId,
        Dictionary<TapeNode<T>, Tensor<T>?[]> pending, Dictionary<Tensor<T>, Tensor<T>> boundary)
    {
        if (IsInternal(t, minId))
        {
            var node = t.Node!;
            if (!pending.TryGetValue(node, out var arr)) pending[node] = arr = new Tensor<T>?[node.OutputShapes.Length];
            arr[t.OutputIndex] = arr[t.OutputIndex] is { } prev ? prev + g : g;
        }
        else if (t.IsTracked)
        {
            boundary[t] = boundary.TryGetValue(t, out var prev) ? prev + g : g;
        }
    }
}
