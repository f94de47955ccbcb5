using BrainSharp.Random;

namespace BrainSharp.Connectivity;

/// <summary>
/// Sampling helpers shared by the connectors. Every row draws from its own Philox stream
/// (seed, StreamId(tag, row)), so a row is a pure function of (seed, row) whatever order rows are built in.
/// </summary>
internal static class ConnectorSampling
{
    /// <summary>The random stream of row <paramref name="row"/> of a connector identified by <paramref name="tag"/>.</summary>
    public static RandomStream RowStream(ulong seed, ulong tag, int row)
        => new(seed, Philox.StreamId(tag, (ulong)row));

    /// <summary>
    /// Writes <paramref name="k"/> distinct integers from [0, n) \ {exclude} in ascending order into dest[0..k).
    /// Dense draws (k large against n) use selection sampling (Knuth's Algorithm S), which is O(n) and already sorted;
    /// sparse draws use Floyd's algorithm kept sorted by insertion, O(k log k + k^2/2 element moves, done by memmove).
    /// Floyd's j always exceeds every element drawn so far, so a collision appends at the end.
    /// </summary>
    public static void SampleDistinctSorted(ref RandomStream rng, int n, int k, int exclude, Span<int> dest)
    {
        int m = exclude >= 0 && exclude < n ? n - 1 : n;   // number of candidates
        if (k > m) throw new ArgumentOutOfRangeException(nameof(k), k, $"cannot draw {k} distinct values from {m} candidates.");
        if (k == 0) return;
        if ((long)k * 16 >= m)
        {
            int needed = k, filled = 0;
            for (int c = 0; c < m && needed > 0; c++)
            {
                // Select candidate c with probability needed / remaining.
                int remaining = m - c;
                if (rng.NextDouble() * remaining < needed) { dest[filled++] = c; needed--; }
            }
        }
        else
        {
            int count = 0;
            for (int j = m - k; j < m; j++)
            {
                int t = rng.NextInt(j + 1);
                int pos = dest[..count].BinarySearch(t);
                if (pos >= 0) { dest[count++] = j; }
                else
                {
                    pos = ~pos;
                    dest[pos..count].CopyTo(dest[(pos + 1)..(count + 1)]);
                    dest[pos] = t;
                    count++;
                }
            }
        }
        if (m != n)
            for (int i = 0; i < k; i++) if (dest[i] >= exclude) dest[i]++;
    }

    /// <summary>Builds CSR from per-row generated rows, growing one buffer (amortized, build time only).</summary>
    public static CsrStructure FromRows(int nPre, int nPost, int maxRow, RowWriter write)
    {
        var rowPtr = new int[nPre + 1];
        var buf = new int[(int)Math.Clamp((long)nPre * Math.Max(1, maxRow), 16, 1 << 20)];
        var row = new int[Math.Max(1, maxRow)];
        int nnz = 0;
        for (int i = 0; i < nPre; i++)
        {
            int len = write(i, row);
            if (nnz + len > buf.Length)
            {
                long newCap = Math.Max((long)buf.Length * 2, (long)nnz + len);
                if (newCap > Array.MaxLength) throw new InvalidOperationException($"connection structure exceeds {Array.MaxLength} synapses.");
                Array.Resize(ref buf, (int)newCap);
            }
            row.AsSpan(0, len).CopyTo(buf.AsSpan(nnz));
            nnz += len;
            rowPtr[i + 1] = nnz;
        }
        Array.Resize(ref buf, nnz);
        return new CsrStructure(nPre, nPost, rowPtr, buf);
    }

    /// <summary>Writes one row into the span and returns its length.</summary>
    public delegate int RowWriter(int pre, Span<int> row);

    /// <summary>Builds CSR (rows = pre, ascending posts) from a column-major description: for each post, the list of its pres.
    /// Posts are visited in ascending order, so each row comes out sorted.</summary>
    public static CsrStructure FromColumns(int nPre, int nPost, int[] colPtr, int[] preIndices)
    {
        var rowPtr = new int[nPre + 1];
        foreach (int p in preIndices) rowPtr[p + 1]++;
        for (int i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
        var fill = (int[])rowPtr.Clone();
        var post = new int[preIndices.Length];
        for (int j = 0; j < nPost; j++)
            for (int e = colPtr[j]; e < colPtr[j + 1]; e++)
                post[fill[preIndices[e]]++] = j;
        return new CsrStructure(nPre, nPost, rowPtr, post);
    }

    /// <summary>Throws unless pre and post have the same size (needed by connectors defined on one population).</summary>
    public static void RequireSquare(string model, int nPre, int nPost)
    {
        if (nPre != nPost)
            throw new ArgumentException($"{model}: needs nPre == nPost, got nPre = {nPre}, nPost = {nPost}.");
    }

    /// <summary>Throws on negative population sizes.</summary>
    public static void RequireSizes(string model, int nPre, int nPost)
    {
        if (nPre < 0) throw new ArgumentOutOfRangeException(nameof(nPre), nPre, $"{model}: nPre must be non-negative.");
        if (nPost < 0) throw new ArgumentOutOfRangeException(nameof(nPost), nPost, $"{model}: nPost must be non-negative.");
    }

    /// <summary>Throws unless the probability is a number in [0, 1].</summary>
    public static void RequireProbability(string model, string name, double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(name, p, $"{model}: {name} must be a probability in [0, 1], got {p}.");
    }

    /// <summary>CSR of a graph given as adjacency sets (rows sorted ascending).</summary>
    public static CsrStructure FromAdjacency(int n, HashSet<int>[] adj)
    {
        var rowPtr = new int[n + 1];
        for (int u = 0; u < n; u++) rowPtr[u + 1] = rowPtr[u] + adj[u].Count;
        var post = new int[rowPtr[n]];
        for (int u = 0; u < n; u++)
        {
            adj[u].CopyTo(post, rowPtr[u]);
            Array.Sort(post, rowPtr[u], adj[u].Count);
        }
        return new CsrStructure(n, n, rowPtr, post);
    }
}
