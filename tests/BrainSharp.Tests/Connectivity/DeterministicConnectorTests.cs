using BrainSharp.Connectivity;

namespace BrainSharp.Tests.Connectivity;

public class DeterministicConnectorTests
{
    [Fact]
    public void AllToAll_CountsAndSelfConnections()
    {
        var noSelf = new AllToAll().Build(7, 7, 0, true);
        Assert.Equal(7 * 6, noSelf.NonZeros);
        CsrAssert.WellFormed(noSelf, noSelf: true);
        Assert.Equal(49, new AllToAll { AllowSelfConnections = true }.Build(7, 7, 0, true).NonZeros);
        Assert.Equal(7 * 5, new AllToAll().Build(7, 5, 0, false).NonZeros);   // different groups: no diagonal to drop
        CsrAssert.ProceduralMatches(new AllToAll(), 7, 7, 0, true);
    }

    [Fact]
    public void OneToOne_Diagonal()
    {
        var c = new OneToOne().Build(6, 6, 0, false);
        Assert.Equal([0, 1, 2, 3, 4, 5], c.PostIndices);
        Assert.Equal(6, new OneToOne { AllowSelfConnections = true }.Build(6, 6, 0, true).NonZeros);
        Assert.Throws<ArgumentException>(() => new OneToOne().Build(6, 6, 0, true));
        CsrAssert.ProceduralMatches(new OneToOne(), 6, 6, 0, false);
    }

    /// <summary>Neighbour test written from the definition over all pairs, independent of the row generator.</summary>
    private static bool IsNeighbour(int i, int j, int w, int h, GridNeighbourhood kind, bool periodic, int r)
    {
        int dx = Math.Abs(i % w - j % w), dy = Math.Abs(i / w - j / w);
        if (periodic) { dx = Math.Min(dx, w - dx); dy = Math.Min(dy, h - dy); }
        return kind == GridNeighbourhood.Moore ? Math.Max(dx, dy) <= r : dx + dy <= r;
    }

    [Theory]
    [InlineData(GridNeighbourhood.Moore, false, 1)]
    [InlineData(GridNeighbourhood.Moore, true, 1)]
    [InlineData(GridNeighbourhood.VonNeumann, false, 1)]
    [InlineData(GridNeighbourhood.VonNeumann, true, 2)]
    [InlineData(GridNeighbourhood.Moore, true, 2)]
    public void GridNeighbours_MatchBruteForceDefinition(GridNeighbourhood kind, bool periodic, int r)
    {
        int w = 9, h = 7, n = w * h;
        var conn = new GridNeighbours(w, h, kind, periodic, r);
        var c = conn.Build(n, n, 0, true);
        CsrAssert.WellFormed(c, noSelf: true);
        Assert.True(CsrAssert.Symmetric(c));
        for (int i = 0; i < n; i++)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i && IsNeighbour(i, j, w, h, kind, periodic, r)).ToArray();
            Assert.Equal(expected, c.Row(i).ToArray());
        }
        CsrAssert.ProceduralMatches(conn, n, n, 0, true);
    }

    [Fact]
    public void GridNeighbours_DegreesAtCornersAndOnTorus()
    {
        var open = new GridNeighbours(10, 10, GridNeighbourhood.Moore).Build(100, 100, 0, true);
        Assert.Equal(3, open.Row(0).Length);          // corner
        Assert.Equal(5, open.Row(5).Length);          // edge
        Assert.Equal(8, open.Row(55).Length);         // interior
        var torus = new GridNeighbours(10, 10, GridNeighbourhood.VonNeumann, periodic: true).Build(100, 100, 0, true);
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(4, torus.Row(i).Length));
        Assert.Equal([1, 9, 10, 90], torus.Row(0).ToArray());
        // Between two layers (different groups) the aligned cell is a neighbour too.
        Assert.Equal(9, new GridNeighbours(10, 10).Build(100, 100, 0, false).Row(55).Length);
    }

    [Fact]
    public void ExplicitConnectors_SortRowsKeepWeightsAndValidate()
    {
        var m = new float[,] { { 0, 2, 0 }, { 1, 0, 3 }, { 0, 0, 4 } };
        var dense = new FromDenseMatrix(m);
        var (s, w) = dense.BuildWeighted(3, 3, true);
        Assert.Equal([0, 1, 3, 4], s.RowPtr);
        Assert.Equal([1, 0, 2, 2], s.PostIndices);
        Assert.Equal([2f, 1f, 3f, 4f], w);
        var (s2, w2) = new FromDenseMatrix(m) { AllowSelfConnections = false }.BuildWeighted(3, 3, true);
        Assert.Equal([1, 0, 2], s2.PostIndices);      // diagonal (2,2) dropped
        Assert.Equal([2f, 1f, 3f], w2);
        Assert.Throws<ArgumentException>(() => dense.Build(3, 4, 0, false));

        var edges = new FromEdgeList([2, 0, 1, 1], [2, 1, 2, 0], [4f, 2f, 3f, 1f]);
        var (s3, w3) = edges.BuildWeighted(3, 3, true);
        CsrAssert.SameStructure(s, s3);
        Assert.Equal(w, w3);
        Assert.Throws<ArgumentException>(() => new FromEdgeList([0, 0], [1, 1]));             // duplicate
        Assert.Throws<ArgumentException>(() => new FromEdgeList([0, 5], [1, 1]).Build(3, 3, 0, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FromEdgeList([0, -1], [1, 1]));

        var csr = new FromCsr([0, 1, 3, 4], [1, 2, 0, 2], [2f, 3f, 1f, 4f]);
        var (s4, w4) = csr.BuildWeighted(3, 3, true);
        CsrAssert.SameStructure(s, s4);
        Assert.Equal(w, w4);
        Assert.Throws<ArgumentException>(() => new FromCsr([0, 2, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => csr.Build(4, 3, 0, false));
    }
}
