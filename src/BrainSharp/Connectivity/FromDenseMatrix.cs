namespace BrainSharp.Connectivity;

/// <summary>
/// Synapses from a dense [nPre, nPost] matrix: every nonzero entry w[i, j] is a synapse i -> j with weight w[i, j].
/// The matrix fixes the population sizes; Build checks them.
/// </summary>
public sealed class FromDenseMatrix : ExplicitConnector
{
    /// <summary>Creates the connector from a weight matrix (nonzero = connected).</summary>
    public FromDenseMatrix(float[,] weights) : this(Extract(weights)) { }

    /// <summary>Creates the connector from a boolean mask (weights 1).</summary>
    public FromDenseMatrix(bool[,] mask) : this(Extract(mask)) { }

    private FromDenseMatrix((int[] pre, int[] post, float[] w, int rows, int cols) d) : base(nameof(FromDenseMatrix), d.pre, d.post, d.w)
    {
        Rows = d.rows; Cols = d.cols;
    }

    /// <summary>Matrix rows (= nPre).</summary>
    public int Rows { get; }
    /// <summary>Matrix columns (= nPost).</summary>
    public int Cols { get; }

    private static (int[], int[], float[], int, int) Extract(float[,] m)
    {
        ArgumentNullException.ThrowIfNull(m);
        int r = m.GetLength(0), c = m.GetLength(1);
        var pre = new List<int>(); var post = new List<int>(); var w = new List<float>();
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                float x = m[i, j];
                if (!float.IsFinite(x)) throw new ArgumentException($"FromDenseMatrix: entry [{i}, {j}] is {x}, must be finite.", nameof(m));
                if (x != 0) { pre.Add(i); post.Add(j); w.Add(x); }
            }
        return (pre.ToArray(), post.ToArray(), w.ToArray(), r, c);
    }

    private static (int[], int[], float[], int, int) Extract(bool[,] m)
    {
        ArgumentNullException.ThrowIfNull(m);
        int r = m.GetLength(0), c = m.GetLength(1);
        var pre = new List<int>(); var post = new List<int>();
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                if (m[i, j]) { pre.Add(i); post.Add(j); }
        var w = new float[pre.Count];
        Array.Fill(w, 1f);
        return (pre.ToArray(), post.ToArray(), w, r, c);
    }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        CheckShape(nPre, nPost);
        return base.Build(nPre, nPost, seed, samePopulation);
    }

    /// <summary>Checks that the matrix is [nPre, nPost].</summary>
    public void CheckShape(int nPre, int nPost)
    {
        if (nPre != Rows || nPost != Cols)
            throw new ArgumentException($"FromDenseMatrix: the matrix is {Rows} x {Cols} but the projection is {nPre} (pre) x {nPost} (post).");
    }

    /// <inheritdoc />
    public override string ToString() => $"FromDenseMatrix({Rows}x{Cols}, {Count} synapses)";
}
