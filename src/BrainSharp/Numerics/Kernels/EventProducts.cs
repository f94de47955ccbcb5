using System.Numerics;
using System.Runtime.CompilerServices;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// Event-driven products of a spike matrix with a weight matrix, the core of spiking-network propagation, and
/// their vector-Jacobian products. Layouts are row-major: spikes [batch, nPre], output [batch, nPost],
/// dense weights W [nPre, nPost]; CSR weights are (rowPtr [nPre+1], postIndices [nnz], values [nnz]) with one
/// row per pre neuron (as in <see cref="BrainSharp.Connectivity.CsrStructure"/>).
/// The forward products and the weight gradients scan each spike row and touch W only for nonzero spikes, so
/// their cost is O(batch * nPre) for the scan plus O(events * row length), not O(batch * nPre * nPost).
/// Every method overwrites its output unless <c>accumulate</c> is true, in which case it adds to it.
/// CSR indices are bounds-checked as they are used: a malformed structure throws instead of corrupting memory;
/// call <see cref="ValidateCsr"/> once at build time for a clear message.
/// </summary>
public static class EventProducts
{
    /// <summary>output[b,:] (+)= sum over pre with spikes[b,pre] != 0 of spikes[b,pre] * W[pre,:]; W dense [nPre, nPost].</summary>
    /// <param name="spikes">[batch, nPre], any real values; zeros are skipped.</param>
    /// <param name="weights">W, [nPre, nPost].</param>
    /// <param name="output">[batch, nPost].</param>
    /// <param name="batch">Number of independent spike rows (trials).</param>
    /// <param name="nPre">Number of presynaptic neurons.</param>
    /// <param name="nPost">Number of postsynaptic neurons.</param>
    /// <param name="accumulate">false: overwrite the output; true: add to it.</param>
    public static unsafe void DenseMultiply<T>(ReadOnlySpan<T> spikes, ReadOnlySpan<T> weights, Span<T> output,
        int batch, int nPre, int nPost, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(DenseMultiply);
        CheckDims(op, batch, nPre, nPost);
        CheckLength(op, "spikes", spikes.Length, (long)batch * nPre, "batch*nPre");
        CheckLength(op, "weights", weights.Length, (long)nPre * nPost, "nPre*nPost");
        CheckLength(op, "output", output.Length, (long)batch * nPost, "batch*nPost");
        if (!accumulate) output.Clear();
        if (nPost == 0) return;
        fixed (T* s = spikes, w = weights, y = output)
        {
            for (int b = 0; b < batch; b++)
                AddActiveRows(s + (long)b * nPre, nPre, w, nPost, y + (long)b * nPost);
        }
    }

    /// <summary>output[b, post[k]] (+)= spikes[b,pre] * values[k] for k in row pre, over pre with spikes[b,pre] != 0; W in CSR.</summary>
    /// <param name="spikes">[batch, nPre].</param>
    /// <param name="rowPtr">[nPre + 1], row start offsets into postIndices/values.</param>
    /// <param name="postIndices">[nnz], post neuron of each synapse, each in [0, nPost).</param>
    /// <param name="values">[nnz], weight of each synapse.</param>
    /// <param name="output">[batch, nPost].</param>
    /// <param name="batch">Number of independent spike rows (trials).</param>
    /// <param name="nPre">Number of presynaptic neurons.</param>
    /// <param name="nPost">Number of postsynaptic neurons.</param>
    /// <param name="accumulate">false: overwrite the output; true: add to it.</param>
    public static void CsrMultiply<T>(ReadOnlySpan<T> spikes, ReadOnlySpan<int> rowPtr, ReadOnlySpan<int> postIndices,
        ReadOnlySpan<T> values, Span<T> output, int batch, int nPre, int nPost, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(CsrMultiply);
        CheckDims(op, batch, nPre, nPost);
        CheckCsrShape(op, rowPtr, postIndices, values.Length, nPre);
        CheckLength(op, "spikes", spikes.Length, (long)batch * nPre, "batch*nPre");
        CheckLength(op, "output", output.Length, (long)batch * nPost, "batch*nPost");
        if (!accumulate) output.Clear();
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> s = spikes.Slice(b * nPre, nPre);
            Span<T> y = output.Slice(b * nPost, nPost);
            for (int pre = 0; pre < s.Length; pre++)
            {
                T sv = s[pre];
                if (sv == T.Zero) continue;
                int start = rowPtr[pre], len = rowPtr[pre + 1] - start;
                ScatterAdd(postIndices.Slice(start, len), values.Slice(start, len), sv, y);
            }
        }
    }

    /// <summary>gradWeights[pre,:] (+)= sum over b with spikes[b,pre] != 0 of spikes[b,pre] * gradOutput[b,:]; the VJP of
    /// <see cref="DenseMultiply{T}"/> with respect to W [nPre, nPost] (rows of silent pre neurons get nothing added).</summary>
    /// <param name="spikes">[batch, nPre].</param>
    /// <param name="gradOutput">[batch, nPost], the gradient of the loss with respect to output.</param>
    /// <param name="gradWeights">[nPre, nPost].</param>
    /// <param name="batch">Number of independent spike rows (trials).</param>
    /// <param name="nPre">Number of presynaptic neurons.</param>
    /// <param name="nPost">Number of postsynaptic neurons.</param>
    /// <param name="accumulate">false: overwrite the output; true: add to it.</param>
    public static unsafe void DenseWeightGradient<T>(ReadOnlySpan<T> spikes, ReadOnlySpan<T> gradOutput, Span<T> gradWeights,
        int batch, int nPre, int nPost, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(DenseWeightGradient);
        CheckDims(op, batch, nPre, nPost);
        CheckLength(op, "spikes", spikes.Length, (long)batch * nPre, "batch*nPre");
        CheckLength(op, "gradOutput", gradOutput.Length, (long)batch * nPost, "batch*nPost");
        CheckLength(op, "gradWeights", gradWeights.Length, (long)nPre * nPost, "nPre*nPost");
        if (!accumulate) gradWeights.Clear();
        if (nPost == 0 || batch == 0) return;
        // Pre-major order keeps one dW row hot in L1 while the (few) active batch rows of gOut are added to it.
        fixed (T* s = spikes, g = gradOutput, dw = gradWeights)
        {
            T** rows = stackalloc T*[4];
            T* coef = stackalloc T[4];
            for (int pre = 0; pre < nPre; pre++)
            {
                int cnt = 0;
                T* y = dw + (long)pre * nPost;
                for (int b = 0; b < batch; b++)
                {
                    T sv = s[(long)b * nPre + pre];
                    if (sv == T.Zero) continue;
                    rows[cnt] = g + (long)b * nPost;
                    coef[cnt++] = sv;
                    if (cnt == 4) { EventAxpy.Add4(y, nPost, rows, coef); cnt = 0; }
                }
                EventAxpy.AddFew(y, nPost, rows, coef, cnt);
            }
        }
    }

    /// <summary>gradValues[k] (+)= sum over b of spikes[b,pre] * gradOutput[b, post[k]] for k in row pre (only nonzero spikes
    /// contribute); the VJP of <see cref="CsrMultiply{T}"/> with respect to values [nnz].</summary>
    /// <param name="rowPtr">[nPre + 1], row start offsets into postIndices/values.</param>
    /// <param name="postIndices">[nnz], post neuron of each synapse, each in [0, nPost).</param>
    /// <param name="spikes">[batch, nPre].</param>
    /// <param name="gradOutput">[batch, nPost].</param>
    /// <param name="gradValues">[nnz], gradient with respect to values.</param>
    /// <param name="batch">Number of independent spike rows (trials).</param>
    /// <param name="nPre">Number of presynaptic neurons.</param>
    /// <param name="nPost">Number of postsynaptic neurons.</param>
    /// <param name="accumulate">false: overwrite the output; true: add to it.</param>
    public static void CsrWeightGradient<T>(ReadOnlySpan<T> spikes, ReadOnlySpan<int> rowPtr, ReadOnlySpan<int> postIndices,
        ReadOnlySpan<T> gradOutput, Span<T> gradValues, int batch, int nPre, int nPost, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(CsrWeightGradient);
        CheckDims(op, batch, nPre, nPost);
        CheckCsrShape(op, rowPtr, postIndices, gradValues.Length, nPre);
        CheckLength(op, "spikes", spikes.Length, (long)batch * nPre, "batch*nPre");
        CheckLength(op, "gradOutput", gradOutput.Length, (long)batch * nPost, "batch*nPost");
        if (!accumulate) gradValues.Clear();
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> s = spikes.Slice(b * nPre, nPre);
            ReadOnlySpan<T> g = gradOutput.Slice(b * nPost, nPost);
            for (int pre = 0; pre < s.Length; pre++)
            {
                T sv = s[pre];
                if (sv == T.Zero) continue;
                int start = rowPtr[pre], len = rowPtr[pre + 1] - start;
                ReadOnlySpan<int> idx = postIndices.Slice(start, len);
                Span<T> dv = gradValues.Slice(start, len);
                for (int q = 0; q < idx.Length; q++) dv[q] = T.FusedMultiplyAdd(sv, g[idx[q]], dv[q]);
            }
        }
    }

    /// <summary>gradSpikes[b,pre] (+)= sum_j W[pre,j] * gradOutput[b,j]; the VJP of <see cref="DenseMultiply{T}"/> with respect
    /// to the spikes (every pre neuron, spiking or not: a surrogate gradient needs them all). Runs as GEMM gOut * W^T.</summary>
    /// <param name="weights">W, [nPre, nPost].</param>
    /// <param name="gradOutput">[batch, nPost].</param>
    /// <param name="gradSpikes">[batch, nPre].</param>
    /// <param name="batch">Number of independent spike rows (trials).</param>
    /// <param name="nPre">Number of presynaptic neurons.</param>
    /// <param name="nPost">Number of postsynaptic neurons.</param>
    /// <param name="accumulate">false: overwrite the output; true: add to it.</param>
    public static void DenseSpikeGradient<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> gradOutput, Span<T> gradSpikes,
        int batch, int nPre, int nPost, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(DenseSpikeGradient);
        CheckDims(op, batch, nPre, nPost);
        CheckLength(op, "weights", weights.Length, (long)nPre * nPost, "nPre*nPost");
        CheckLength(op, "gradOutput", gradOutput.Length, (long)batch * nPost, "batch*nPost");
        CheckLength(op, "gradSpikes", gradSpikes.Length, (long)batch * nPre, "batch*nPre");
        Gemm.Multiply(gradOutput, weights, gradSpikes, batch, nPre, nPost, transA: false, transB: true,
            alpha: T.One, beta: accumulate ? T.One : T.Zero);
    }

    /// <summary>gradSpikes[b,pre] (+)= sum over k in row pre of values[k] * gradOutput[b, post[k]]; the VJP of
    /// <see cref="CsrMultiply{T}"/> with respect to the spikes (one sparse row dot product per pre neuron).</summary>
    /// <param name="rowPtr">[nPre + 1], row start offsets into postIndices/values.</param>
    /// <param name="postIndices">[nnz], post neuron of each synapse, each in [0, nPost).</param>
    /// <param name="values">[nnz], weight of each synapse.</param>
    /// <param name="gradOutput">[batch, nPost].</param>
    /// <param name="gradSpikes">[batch, nPre].</param>
    /// <param name="batch">Number of independent spike rows (trials).</param>
    /// <param name="nPre">Number of presynaptic neurons.</param>
    /// <param name="nPost">Number of postsynaptic neurons.</param>
    /// <param name="accumulate">false: overwrite the output; true: add to it.</param>
    public static void CsrSpikeGradient<T>(ReadOnlySpan<int> rowPtr, ReadOnlySpan<int> postIndices, ReadOnlySpan<T> values,
        ReadOnlySpan<T> gradOutput, Span<T> gradSpikes, int batch, int nPre, int nPost, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(CsrSpikeGradient);
        CheckDims(op, batch, nPre, nPost);
        CheckCsrShape(op, rowPtr, postIndices, values.Length, nPre);
        CheckLength(op, "gradOutput", gradOutput.Length, (long)batch * nPost, "batch*nPost");
        CheckLength(op, "gradSpikes", gradSpikes.Length, (long)batch * nPre, "batch*nPre");
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> g = gradOutput.Slice(b * nPost, nPost);
            Span<T> gs = gradSpikes.Slice(b * nPre, nPre);
            for (int pre = 0; pre < nPre; pre++)
            {
                int start = rowPtr[pre], len = rowPtr[pre + 1] - start;
                ReadOnlySpan<int> idx = postIndices.Slice(start, len);
                ReadOnlySpan<T> v = values.Slice(start, len);
                T acc = T.Zero;
                for (int q = 0; q < idx.Length; q++) acc = T.FusedMultiplyAdd(v[q], g[idx[q]], acc);
                gs[pre] = accumulate ? gs[pre] + acc : acc;
            }
        }
    }

    /// <summary>Simulation-mode push: output[:] += W[pre,:] for every pre in <paramref name="spikingPre"/> (unit spikes given
    /// as an index list, so the cost is O(events * nPost) with no scan); W dense [nPre, nPost], output [nPost].</summary>
    public static unsafe void DenseAddRows<T>(ReadOnlySpan<int> spikingPre, ReadOnlySpan<T> weights, Span<T> output, int nPre, int nPost)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(DenseAddRows);
        CheckDims(op, 1, nPre, nPost);
        CheckLength(op, "weights", weights.Length, (long)nPre * nPost, "nPre*nPost");
        CheckLength(op, "output", output.Length, nPost, "nPost");
        if (nPost == 0) return;
        fixed (T* w = weights, y = output)
        {
            T** rows = stackalloc T*[4];
            T* coef = stackalloc T[4];
            int cnt = 0;
            foreach (int pre in spikingPre)
            {
                if ((uint)pre >= (uint)nPre)
                    throw new ArgumentOutOfRangeException(nameof(spikingPre), pre, $"EventProducts.{op}: spiking index must be in [0, {nPre}).");
                rows[cnt] = w + (long)pre * nPost;
                coef[cnt++] = T.One;
                if (cnt == 4) { EventAxpy.Add4(y, nPost, rows, coef); cnt = 0; }
            }
            EventAxpy.AddFew(y, nPost, rows, coef, cnt);
        }
    }

    /// <summary>Simulation-mode push: output[post[k]] += values[k] for k in row pre, for every pre in <paramref name="spikingPre"/>
    /// (unit spikes as an index list); cost O(synaptic events). output [nPost].</summary>
    public static void CsrAddRows<T>(ReadOnlySpan<int> spikingPre, ReadOnlySpan<int> rowPtr, ReadOnlySpan<int> postIndices,
        ReadOnlySpan<T> values, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = nameof(CsrAddRows);
        int nPre = rowPtr.Length - 1;
        CheckCsrShape(op, rowPtr, postIndices, values.Length, nPre);
        foreach (int pre in spikingPre)
        {
            if ((uint)pre >= (uint)nPre)
                throw new ArgumentOutOfRangeException(nameof(spikingPre), pre, $"EventProducts.{op}: spiking index must be in [0, {nPre}).");
            int start = rowPtr[pre], len = rowPtr[pre + 1] - start;
            ScatterAdd(postIndices.Slice(start, len), values.Slice(start, len), T.One, output);
        }
    }

    /// <summary>Full O(nPre + nnz) check of a CSR structure (monotone rowPtr, indices in [0, nPost)); call once at build time.</summary>
    /// <exception cref="ArgumentException">Names the first offending entry.</exception>
    public static void ValidateCsr(ReadOnlySpan<int> rowPtr, ReadOnlySpan<int> postIndices, int valuesLength, int nPre, int nPost)
    {
        const string op = nameof(ValidateCsr);
        CheckDims(op, 1, nPre, nPost);
        CheckCsrShape(op, rowPtr, postIndices, valuesLength, nPre);
        for (int pre = 0; pre < nPre; pre++)
            if (rowPtr[pre + 1] < rowPtr[pre])
                throw new ArgumentException($"EventProducts.{op}: rowPtr decreases at row {pre} ({rowPtr[pre]} -> {rowPtr[pre + 1]}).", nameof(rowPtr));
        for (int q = 0; q < postIndices.Length; q++)
            if ((uint)postIndices[q] >= (uint)nPost)
                throw new ArgumentException($"EventProducts.{op}: postIndices[{q}] = {postIndices[q]} is outside [0, {nPost}).", nameof(postIndices));
    }

    /// <summary>y += sum over active pre of s[pre] * W[pre,:], grouping four rows per pass over y to cut y's load/store traffic.</summary>
    private static unsafe void AddActiveRows<T>(T* s, int nPre, T* w, int nPost, T* y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T** rows = stackalloc T*[4];
        T* coef = stackalloc T[4];
        int cnt = 0;
        for (int pre = 0; pre < nPre; pre++)
        {
            T sv = s[pre];
            if (sv == T.Zero) continue;
            rows[cnt] = w + (long)pre * nPost;
            coef[cnt++] = sv;
            if (cnt == 4) { EventAxpy.Add4(y, nPost, rows, coef); cnt = 0; }
        }
        EventAxpy.AddFew(y, nPost, rows, coef, cnt);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterAdd<T>(ReadOnlySpan<int> idx, ReadOnlySpan<T> v, T s, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (s == T.One)
            for (int q = 0; q < idx.Length; q++) y[idx[q]] += v[q];
        else
            for (int q = 0; q < idx.Length; q++) y[idx[q]] = T.FusedMultiplyAdd(s, v[q], y[idx[q]]);
    }

    private static void CheckDims(string op, int batch, int nPre, int nPost)
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"EventProducts.{op}: batch must be >= 0.");
        if (nPre < 0) throw new ArgumentOutOfRangeException(nameof(nPre), nPre, $"EventProducts.{op}: nPre must be >= 0.");
        if (nPost < 0) throw new ArgumentOutOfRangeException(nameof(nPost), nPost, $"EventProducts.{op}: nPost must be >= 0.");
    }

    private static void CheckLength(string op, string name, int actual, long expected, string formula)
    {
        if (actual != expected)
            throw new ArgumentException($"EventProducts.{op}: {name} has {actual} elements, expected {formula} = {expected}.", name);
    }

    private static void CheckCsrShape(string op, ReadOnlySpan<int> rowPtr, ReadOnlySpan<int> postIndices, int valuesLength, int nPre)
    {
        if (rowPtr.Length != nPre + 1)
            throw new ArgumentException($"EventProducts.{op}: rowPtr has length {rowPtr.Length}, expected nPre + 1 = {nPre + 1}.", nameof(rowPtr));
        if (nPre >= 0 && (rowPtr[0] != 0 || rowPtr[nPre] != postIndices.Length))
            throw new ArgumentException($"EventProducts.{op}: rowPtr must start at 0 and end at nnz = {postIndices.Length} (got {rowPtr[0]} .. {rowPtr[nPre]}).", nameof(rowPtr));
        if (valuesLength != postIndices.Length)
            throw new ArgumentException($"EventProducts.{op}: values/gradient array has {valuesLength} elements, postIndices has {postIndices.Length}.", "values");
    }
}
