using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Numerics;

// Matrix products via Kernels.Gemm. Operands of rank >= 2 are stacks of matrices over leading batch
// axes, which broadcast (NumPy matmul rules); a rank-1 right operand is treated as a column vector.
// The backward accumulates with beta = 1, which also sums the gradient over broadcast batch axes.
public sealed partial class Tensor<T>
{
    /// <summary>Matrix product this @ b: [..., m, k] x [..., k, n] -> [..., m, n]; b may be a vector [k].</summary>
    public Tensor<T> MatMul(Tensor<T> b)
    {
        if (b.Rank == 1) return MatMul(b.Unsqueeze(1)).Squeeze(-1);
        var a = this;
        if (a.Rank < 2)
            throw new ArgumentException($"MatMul: shapes {ShapeUtil.Format(a.Shape)} and {ShapeUtil.Format(b.Shape)}: the left operand needs at least 2 axes.");
        int m = a.Shape[^2], k = a.Shape[^1], kb = b.Shape[^2], n = b.Shape[^1];
        if (k != kb)
            throw new ArgumentException($"MatMul: shapes {ShapeUtil.Format(a.Shape)} and {ShapeUtil.Format(b.Shape)} are incompatible (inner dimensions {k} and {kb}).");
        int[] ba = a.Shape[..^2], bb = b.Shape[..^2];
        int[] batch = Broadcasting.Shape("MatMul", ba, bb);
        var y = new Tensor<T>([.. batch, m, n]);
        var (offA, offB) = BatchOffsets(batch, ba, bb, m * k, k * n);
        for (int i = 0; i < offA.Length; i++)
            Gemm.Multiply<T>(a.Data.AsSpan(offA[i], m * k), b.Data.AsSpan(offB[i], k * n), y.Data.AsSpan(i * m * n, m * n), m, n, k);
        return Record("MatMul", y, a, b,
            g =>
            {   // dA = g @ B^T, summed over broadcast batches
                var da = new Tensor<T>(a.Shape);
                for (int i = 0; i < offA.Length; i++)
                    Gemm.Multiply<T>(g.Data.AsSpan(i * m * n, m * n), b.Data.AsSpan(offB[i], k * n), da.Data.AsSpan(offA[i], m * k),
                        m, k, n, transB: true, beta: T.One);
                return da;
            },
            g =>
            {   // dB = A^T @ g
                var db = new Tensor<T>(b.Shape);
                for (int i = 0; i < offA.Length; i++)
                    Gemm.Multiply<T>(a.Data.AsSpan(offA[i], m * k), g.Data.AsSpan(i * m * n, m * n), db.Data.AsSpan(offB[i], k * n),
                        k, n, m, transA: true, beta: T.One);
                return db;
            });
    }

    /// <summary>Flat offsets of each operand's matrix for every batch index of the broadcast batch shape.</summary>
    private static (int[] A, int[] B) BatchOffsets(int[] batch, int[] ba, int[] bb, int matA, int matB)
    {
        if (batch.Length == 0) return ([0], [0]);
        // Treat the batch axes as a shape whose last axis is a dummy of extent 1, so RowOffsets enumerates every batch index.
        int[] full = [.. batch, 1];
        var sa = Broadcasting.Strides(ba, batch);
        var sb = Broadcasting.Strides(bb, batch);
        int[] fa = [.. sa, 0], fb = [.. sb, 0];
        var offs = Broadcasting.RowOffsets(full, fa, fb);
        for (int i = 0; i < offs[0].Length; i++) { offs[0][i] *= matA; offs[1][i] *= matB; }
        return (offs[0], offs[1]);
    }
}
