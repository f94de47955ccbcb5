using BrainSharp.Connectivity;
using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Numerics;

// Differentiable event-driven products: spikes [batch, nPre] times weights, dense [nPre, nPost] or CSR.
// Forward and weight gradients skip zero spikes (O(events) work); the spike gradient covers every
// pre neuron, because a surrogate gradient needs it for silent neurons too.
public sealed partial class Tensor<T>
{
    /// <summary>
    /// spikes [batch, nPre] (or [nPre]) @ weights [nPre, nPost] -> [batch, nPost] (or [nPost]), skipping zero spikes.
    /// Differentiable in both; equal to <see cref="MatMul"/> but O(events * nPost) for sparse spike trains.
    /// </summary>
    public static Tensor<T> EventMatMul(Tensor<T> spikes, Tensor<T> weights)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(weights);
        if (spikes.Rank == 1) return EventMatMul(spikes.Unsqueeze(0), weights).Squeeze(0);
        if (spikes.Rank != 2 || weights.Rank != 2 || spikes.Shape[1] != weights.Shape[0])
            throw new ArgumentException($"EventMatMul: shapes {ShapeUtil.Format(spikes.Shape)} and {ShapeUtil.Format(weights.Shape)} are incompatible (expected spikes [batch, nPre] and weights [nPre, nPost]).");
        int batch = spikes.Shape[0], nPre = spikes.Shape[1], nPost = weights.Shape[1];
        var y = new Tensor<T>(batch, nPost);
        EventProducts.DenseMultiply<T>(spikes.Data, weights.Data, y.Data, batch, nPre, nPost);
        return Record("EventMatMul", y, spikes, weights,
            g =>
            {
                var ds = new Tensor<T>(batch, nPre);
                EventProducts.DenseSpikeGradient<T>(weights.Data, g.Data, ds.Data, batch, nPre, nPost);
                return ds;
            },
            g =>
            {
                var dw = new Tensor<T>(nPre, nPost);
                EventProducts.DenseWeightGradient<T>(spikes.Data, g.Data, dw.Data, batch, nPre, nPost);
                return dw;
            });
    }

    /// <summary>
    /// spikes [batch, nPre] (or [nPre]) times a sparse weight matrix given as a CSR structure (rows = pre) and its values
    /// [nnz] -> [batch, nPost]. Differentiable in the spikes and the values; the structure is fixed.
    /// </summary>
    public static Tensor<T> EventMatMul(Tensor<T> spikes, CsrStructure structure, Tensor<T> values)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(values);
        if (spikes.Rank == 1) return EventMatMul(spikes.Unsqueeze(0), structure, values).Squeeze(0);
        if (spikes.Rank != 2 || spikes.Shape[1] != structure.NPre)
            throw new ArgumentException($"EventMatMul: spikes of shape {ShapeUtil.Format(spikes.Shape)} do not fit a CSR structure with {structure.NPre} pre neurons (expected [batch, {structure.NPre}]).");
        if (values.Rank != 1 || values.Size != structure.NonZeros)
            throw new ArgumentException($"EventMatMul: values of shape {ShapeUtil.Format(values.Shape)} do not fit a CSR structure with {structure.NonZeros} synapses (expected [{structure.NonZeros}]).");
        int batch = spikes.Shape[0], nPre = structure.NPre, nPost = structure.NPost;
        int[] rowPtr = structure.RowPtr, post = structure.PostIndices;
        var y = new Tensor<T>(batch, nPost);
        EventProducts.CsrMultiply<T>(spikes.Data, rowPtr, post, values.Data, y.Data, batch, nPre, nPost);
        return Record("EventMatMulCsr", y, spikes, values,
            g =>
            {
                var ds = new Tensor<T>(batch, nPre);
                EventProducts.CsrSpikeGradient<T>(rowPtr, post, values.Data, g.Data, ds.Data, batch, nPre, nPost);
                return ds;
            },
            g =>
            {
                var dv = new Tensor<T>(values.Shape);
                EventProducts.CsrWeightGradient<T>(spikes.Data, rowPtr, post, g.Data, dv.Data, batch, nPre, nPost);
                return dv;
            });
    }
}
