using BrainSharp.Numerics;

namespace BrainSharp.Tests.Numerics;

/// <summary>Index arithmetic for naive reference implementations.</summary>
internal static class Naive
{
    public static int[] Unravel(int flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { idx[d] = flat % shape[d]; flat /= shape[d]; }
        return idx;
    }

    public static int Ravel(int[] idx, int[] shape)
    {
        int f = 0;
        for (int d = 0; d < shape.Length; d++) f = f * shape[d] + idx[d];
        return f;
    }

    /// <summary>Reads a broadcast operand at an index of the output shape (NumPy rules, by index arithmetic).</summary>
    public static double ReadBroadcast(Tensor<double> t, int[] outIdx)
    {
        int off = outIdx.Length - t.Rank;
        var idx = new int[t.Rank];
        for (int d = 0; d < t.Rank; d++) idx[d] = t.Shape[d] == 1 ? 0 : outIdx[d + off];
        return t.Data[Ravel(idx, t.Shape)];
    }

    public static int Product(int[] s) { int p = 1; foreach (var d in s) p *= d; return p; }

    public static Tensor<double> Random(System.Random r, int[] shape)
    {
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Size; i++) t.Data[i] = Math.Round(r.NextDouble() * 4 - 2, 3);
        return t;
    }
}
