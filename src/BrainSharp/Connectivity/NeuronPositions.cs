namespace BrainSharp.Connectivity;

/// <summary>
/// Positions of the neurons of a group in space (arbitrary length unit, e.g. um or grid units), for distance-dependent
/// connectors. Optionally periodic: distances then use the minimum image on a box of the given extent per dimension.
/// </summary>
public sealed class NeuronPositions
{
    private readonly double[] _coords;   // [count, dims] row-major
    private readonly double[]? _extent;  // periodic box size per dimension, or null

    private NeuronPositions(int count, int dims, double[] coords, double[]? extent)
    {
        Count = count; Dimensions = dims; _coords = coords; _extent = extent;
    }

    /// <summary>Number of neurons.</summary>
    public int Count { get; }

    /// <summary>Number of spatial dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Whether distances wrap around (torus).</summary>
    public bool Periodic => _extent is not null;

    /// <summary>Coordinate <paramref name="d"/> of neuron <paramref name="i"/> (length unit).</summary>
    public double Coordinate(int i, int d) => _coords[i * Dimensions + d];

    /// <summary>
    /// A width x height grid with the given spacing; neuron i sits at (spacing * (i mod width), spacing * (i div width)).
    /// With <paramref name="periodic"/> the grid is a torus of extent (width * spacing, height * spacing).
    /// </summary>
    public static NeuronPositions Grid(int width, int height, double spacing = 1.0, bool periodic = false)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "NeuronPositions.Grid: width must be at least 1.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "NeuronPositions.Grid: height must be at least 1.");
        if (!(spacing > 0) || !double.IsFinite(spacing)) throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "NeuronPositions.Grid: spacing must be positive and finite.");
        int n = checked(width * height);
        var c = new double[2 * n];
        for (int i = 0; i < n; i++) { c[2 * i] = spacing * (i % width); c[2 * i + 1] = spacing * (i / width); }
        return new NeuronPositions(n, 2, c, periodic ? [width * spacing, height * spacing] : null);
    }

    /// <summary>Given coordinates, [count, dims]; <paramref name="periodicExtent"/> (one positive box size per dimension) makes distances wrap.</summary>
    public static NeuronPositions FromCoordinates(double[,] coordinates, double[]? periodicExtent = null)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        int n = coordinates.GetLength(0), dims = coordinates.GetLength(1);
        if (dims < 1) throw new ArgumentException("NeuronPositions.FromCoordinates: coordinates need at least one dimension (column).", nameof(coordinates));
        var c = new double[n * dims];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dims; d++)
            {
                double x = coordinates[i, d];
                if (!double.IsFinite(x)) throw new ArgumentException($"NeuronPositions.FromCoordinates: coordinate [{i}, {d}] is {x}, must be finite.", nameof(coordinates));
                c[i * dims + d] = x;
            }
        if (periodicExtent is not null)
        {
            if (periodicExtent.Length != dims)
                throw new ArgumentException($"NeuronPositions.FromCoordinates: periodicExtent has {periodicExtent.Length} entries, expected one per dimension ({dims}).", nameof(periodicExtent));
            foreach (var e in periodicExtent)
                if (!(e > 0) || !double.IsFinite(e)) throw new ArgumentOutOfRangeException(nameof(periodicExtent), e, "NeuronPositions.FromCoordinates: every periodic extent must be positive and finite.");
            periodicExtent = (double[])periodicExtent.Clone();
        }
        return new NeuronPositions(n, dims, c, periodicExtent);
    }

    /// <summary>Squared distance between neuron <paramref name="i"/> of this set and neuron <paramref name="j"/> of <paramref name="other"/> (same dimensions; periodicity of this set).</summary>
    public double DistanceSquared(int i, NeuronPositions other, int j)
    {
        double s = 0;
        int dims = Dimensions;
        for (int d = 0; d < dims; d++)
        {
            double dx = Math.Abs(_coords[i * dims + d] - other._coords[j * dims + d]);
            if (_extent is not null) { double L = _extent[d]; dx %= L; if (dx > 0.5 * L) dx = L - dx; }
            s += dx * dx;
        }
        return s;
    }
}
