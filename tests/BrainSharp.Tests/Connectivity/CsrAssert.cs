using BrainSharp.Connectivity;

namespace BrainSharp.Tests.Connectivity;

/// <summary>Structural checks shared by the connector tests.</summary>
internal static class CsrAssert
{
    /// <summary>Rows strictly ascending (so no duplicates), indices in range, no self-connections if requested.</summary>
    public static void WellFormed(CsrStructure c, bool noSelf)
    {
        for (int i = 0; i < c.NPre; i++)
        {
            var row = c.Row(i);
            for (int e = 0; e < row.Length; e++)
            {
                Assert.InRange(row[e], 0, c.NPost - 1);
                if (e > 0) Assert.True(row[e] > row[e - 1], $"row {i} not strictly ascending at {e}");
                if (noSelf) Assert.NotEqual(i, row[e]);
            }
        }
    }

    public static int[] InDegrees(CsrStructure c)
    {
        var d = new int[c.NPost];
        foreach (int j in c.PostIndices) d[j]++;
        return d;
    }

    public static bool Symmetric(CsrStructure c)
    {
        for (int i = 0; i < c.NPre; i++)
            foreach (int j in c.Row(i))
                if (c.Row(j).BinarySearch(i) < 0) return false;
        return true;
    }

    /// <summary>Every procedural row equals the built CSR row.</summary>
    public static void ProceduralMatches(Connector conn, int nPre, int nPost, ulong seed, bool same)
    {
        var proc = (IProceduralConnector)conn;
        var csr = conn.Build(nPre, nPost, seed, same);
        var buf = new int[proc.MaxRowLength(nPre, nPost)];
        for (int i = 0; i < nPre; i++)
        {
            int n = proc.Row(i, nPre, nPost, seed, same, buf);
            Assert.True(csr.Row(i).SequenceEqual(buf.AsSpan(0, n)), $"{conn}: procedural row {i} differs from the CSR row");
        }
    }

    public static void SameStructure(CsrStructure a, CsrStructure b)
    {
        Assert.Equal(a.RowPtr, b.RowPtr);
        Assert.Equal(a.PostIndices, b.PostIndices);
    }
}
