using BrainSharp.IO;
using ScottPlot;
using SkiaSharp;

namespace BrainSharp.Plotting;

/// <summary>
/// Renders one or more ScottPlot panels stacked vertically into a single PNG or SVG file. Every panel
/// gets the same fixed left/right padding, so panels that share a time axis line up pixel for pixel.
/// Rendering is headless (SkiaSharp, no window) and deterministic: the same panels give the same bytes.
/// </summary>
public static class Figure
{
    /// <summary>Left padding (px) reserved for the y-axis label and ticks of every panel.</summary>
    public const int LeftPadding = 80;

    /// <summary>Picks SVG for a ".svg" extension and PNG otherwise.</summary>
    public static FigureFormat FormatFromPath(string path)
        => string.Equals(Path.GetExtension(path), ".svg", StringComparison.OrdinalIgnoreCase) ? FigureFormat.Svg : FigureFormat.Png;

    /// <summary>Stacks <paramref name="panels"/> (plot, height in px) top to bottom into a <paramref name="width"/>-px-wide figure and writes it atomically.</summary>
    public static void Save(string path, IReadOnlyList<(Plot Plot, int Height)> panels, int width, FigureFormat? format = null)
    {
        var bytes = Render(panels, width, format ?? FormatFromPath(path));
        AtomicFile.WriteStream(path, s => s.Write(bytes));
    }

    /// <summary>Renders the stacked panels and returns the encoded file bytes.</summary>
    public static byte[] Render(IReadOnlyList<(Plot Plot, int Height)> panels, int width, FigureFormat format)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("Figure: at least one panel is needed.", nameof(panels));
        if (width < 100) throw new ArgumentOutOfRangeException(nameof(width), width, "Figure: width must be at least 100 px.");
        int height = 0;
        foreach (var (_, h) in panels)
        {
            if (h < 50) throw new ArgumentOutOfRangeException(nameof(panels), h, "Figure: each panel must be at least 50 px high.");
            height += h;
        }
        for (int k = 0; k < panels.Count; k++)
        {
            bool last = k == panels.Count - 1;
            // Room for a title only where a panel has one, and for time tick labels only under the bottom panel.
            bool titled = !string.IsNullOrEmpty(panels[k].Plot.Axes.Title.Label.Text);
            panels[k].Plot.Layout.Fixed(new PixelPadding(LeftPadding, 20, last ? 50 : 12, titled ? 35 : 10));
        }

        if (format == FigureFormat.Svg)
        {
            using var ms = new MemoryStream();
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), ms))
                Draw(canvas, panels, width);
            return ms.ToArray();
        }

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Figure: could not create a {width}x{height} drawing surface.");
        Draw(surface.Canvas, panels, width);
        surface.Canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    static void Draw(SKCanvas canvas, IReadOnlyList<(Plot Plot, int Height)> panels, int width)
    {
        canvas.Clear(SKColors.White);
        float y = 0;
        foreach (var (plot, h) in panels)
        {
            // Plot.Render clears its canvas, so each panel draws into its own translated clip.
            canvas.Save();
            canvas.Translate(0, y);
            canvas.ClipRect(new SKRect(0, 0, width, h));
            plot.Render(canvas, new PixelRect(0, width, h, 0));
            canvas.Restore();
            y += h;
        }
    }

    /// <summary>A colour per population index, stable across figures (Category10).</summary>
    public static Color PopulationColor(int index) => new ScottPlot.Palettes.Category10().GetColor(index);
}
