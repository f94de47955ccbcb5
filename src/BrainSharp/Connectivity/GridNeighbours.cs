namespace BrainSharp.Connectivity;

/// <summary>
/// Deterministic 2-D lattice connectivity: neuron i = x + width * y connects to the cells of its von Neumann or Moore
/// neighbourhood of the given radius, optionally wrapping around the edges (torus). Offset (0, 0) is included only when
/// pre and post are different groups or <see cref="Connector.AllowSelfConnections"/> is true. Rows are procedural.
/// </summary>
public sealed class GridNeighbours : Connector, IProceduralConnector
{
    /// <summary>Creates the connector for a width x height grid.</summary>
    public GridNeighbours(int width, int height, GridNeighbourhood neighbourhood = GridNeighbourhood.Moore, bool periodic = false, int radius = 1)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "GridNeighbours: width must be at least 1.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "GridNeighbours: height must be at least 1.");
        if (radius < 1) throw new ArgumentOutOfRangeException(nameof(radius), radius, "GridNeighbours: radius must be at least 1.");
        Width = width; Height = height; Neighbourhood = neighbourhood; Periodic = periodic; Radius = radius;
    }

    /// <summary>Grid width (cells).</summary>
    public int Width { get; }
    /// <summary>Grid height (cells).</summary>
    public int Height { get; }
    /// <summary>Neighbourhood shape.</summary>
    public GridNeighbourhood Neighbourhood { get; }
    /// <summary>Whether the grid wraps around (torus).</summary>
    public bool Periodic { get; }
    /// <summary>Neighbourhood radius (cells).</summary>
    public int Radius { get; }

    /// <inheritdoc />
    public override CsrStructure Build(int nPre, int nPost, ulong seed, bool samePopulation)
    {
        long cells = (long)Width * Height;
        if (nPre != cells || nPost != cells)
            throw new ArgumentException($"GridNeighbours: a {Width} x {Height} grid needs nPre = nPost = {cells}, got nPre = {nPre}, nPost = {nPost}.");
        return ConnectorSampling.FromRows(nPre, nPost, MaxRowLength(nPre, nPost), (i, row) => Row(i, nPre, nPost, seed, samePopulation, row));
    }

    /// <inheritdoc />
    public int MaxRowLength(int nPre, int nPost) => (2 * Radius + 1) * (2 * Radius + 1);

    /// <inheritdoc />
    public int Row(int pre, int nPre, int nPost, ulong seed, bool samePopulation, Span<int> targets)
    {
        bool includeSelf = !samePopulation || AllowSelfConnections;
        int x0 = pre % Width, y0 = pre / Width, n = 0;
        for (int dy = -Radius; dy <= Radius; dy++)
            for (int dx = -Radius; dx <= Radius; dx++)
            {
                if (dx == 0 && dy == 0 && !includeSelf) continue;
                int reach = Neighbourhood == GridNeighbourhood.Moore ? Math.Max(Math.Abs(dx), Math.Abs(dy)) : Math.Abs(dx) + Math.Abs(dy);
                if (reach > Radius) continue;
                int x = x0 + dx, y = y0 + dy;
                if (Periodic) { x = ((x % Width) + Width) % Width; y = ((y % Height) + Height) % Height; }
                else if (x < 0 || x >= Width || y < 0 || y >= Height) continue;
                int j = x + Width * y;
                // On small periodic grids two offsets can land on one cell, and a wrapped offset can land on pre itself.
                if (j == pre && !includeSelf) continue;
                targets[n++] = j;
            }
        var row = targets[..n];
        row.Sort();
        int u = 0;
        for (int e = 0; e < n; e++) if (u == 0 || row[e] != row[u - 1]) row[u++] = row[e];
        return u;
    }

    /// <inheritdoc />
    public override string ToString() => $"GridNeighbours({Width}x{Height}, {Neighbourhood}, r={Radius}, periodic={Periodic})";
}
