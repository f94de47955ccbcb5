namespace BrainSharp.Numerics;

/// <summary>NumPy broadcasting rules: align shapes at the right; each axis pair must be equal or contain a 1.</summary>
public static class Broadcasting
{
    /// <summary>The broadcast shape of two shapes; throws "&lt;op&gt;: shapes [..] and [..] are not broadcastable".</summary>
    public static int[] Shape(string op, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int r = Math.Max(a.Length, b.Length);
        var s = new int[r];
        for (int i = 0; i < r; i++)
        {
            int da = i < r - a.Length ? 1 : a[i - (r - a.Length)];
            int db = i < r - b.Length ? 1 : b[i - (r - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {ShapeUtil.Format(a)} and {ShapeUtil.Format(b)} are not broadcastable.");
            s[i] = da == 1 ? db : da;
        }
        return s;
    }

    /// <summary>True when <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    public static bool CanBroadcastTo(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        if (from.Length > to.Length) return false;
        int off = to.Length - from.Length;
        for (int i = 0; i < from.Length; i++) if (from[i] != 1 && from[i] != to[i + off]) return false;
        return true;
    }

    /// <summary>Strides (in elements) for reading a tensor of shape <paramref name="from"/> as shape <paramref name="to"/>: 0 on broadcast axes.</summary>
    internal static int[] Strides(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        var s = new int[to.Length];
        int off = to.Length - from.Length, acc = 1;
        for (int i = from.Length - 1; i >= 0; i--)
        {
            s[i + off] = from[i] == 1 && to[i + off] != 1 ? 0 : acc;
            acc *= from[i];
        }
        return s;
    }

    /// <summary>
    /// For the rows of <paramref name="outShape"/> (all axes but the last), the flat offset of each row in every operand.
    /// </summary>
    internal static int[][] RowOffsets(int[] outShape, params int[][] strides)
    {
        int r = outShape.Length;
        int rows = 1;
        for (int d = 0; d < r - 1; d++) rows *= outShape[d];
        var result = new int[strides.Length][];
        for (int k = 0; k < strides.Length; k++) result[k] = new int[rows];
        if (rows == 0) return result;
        var idx = new int[Math.Max(r - 1, 0)];
        var off = new int[strides.Length];
        for (int row = 0; row < rows; row++)
        {
            for (int k = 0; k < strides.Length; k++) result[k][row] = off[k];
            for (int d = r - 2; d >= 0; d--)
            {
                idx[d]++;
                for (int k = 0; k < strides.Length; k++) off[k] += strides[k][d];
                if (idx[d] < outShape[d]) break;
                for (int k = 0; k < strides.Length; k++) off[k] -= strides[k][d] * outShape[d];
                idx[d] = 0;
            }
        }
        return result;
    }
}
