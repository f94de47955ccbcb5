using System.Numerics;
using BrainSharp.Numerics;

namespace BrainSharp.Autodiff;

/// <summary>
/// One recorded operation on the tape: its inputs, the shapes of its outputs and its vector-Jacobian product.
/// Ids grow with creation order, so sorting reachable nodes by descending id is a valid reverse topological order.
/// A node keeps only what its VJP closure captured; output tensors point to their node, never the reverse.
/// </summary>
public sealed class TapeNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static long s_nextId;

    /// <summary>The id the next node will get (used to mark where a recomputation starts).</summary>
    internal static long PeekNextId() => Interlocked.Read(ref s_nextId);

    internal TapeNode(string op, Tensor<T>[] inputs, int[][] outputShapes, Func<Tensor<T>[], Tensor<T>?[]> vjp)
    {
        Id = Interlocked.Increment(ref s_nextId) - 1;
        Op = op; Inputs = inputs; OutputShapes = outputShapes; Vjp = vjp;
    }

    /// <summary>Creation order; larger ids were recorded later.</summary>
    public long Id { get; }

    /// <summary>Operation name, used in error messages (shape checks in backward, non-finite detection).</summary>
    public string Op { get; }

    /// <summary>The tensors the operation read (only tracked ones receive gradients).</summary>
    internal Tensor<T>[] Inputs { get; }

    /// <summary>Shapes of the outputs, so missing upstream gradients can be zero-filled.</summary>
    internal int[][] OutputShapes { get; }

    /// <summary>Maps upstream gradients (one per output) to gradients per input (null where an input needs none).</summary>
    internal Func<Tensor<T>[], Tensor<T>?[]> Vjp { get; }

    /// <summary>"Op#id", for debugging.</summary>
    public override string ToString() => $"{Op}#{Id}";
}
