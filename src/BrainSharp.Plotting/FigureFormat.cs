namespace BrainSharp.Plotting;

/// <summary>Output format of a figure.</summary>
public enum FigureFormat
{
    /// <summary>Portable Network Graphics raster (default).</summary>
    Png,
    /// <summary>Scalable Vector Graphics.</summary>
    Svg,
}
